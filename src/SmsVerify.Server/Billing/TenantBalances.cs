using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Billing;

/// <summary>A tenant's balance as operators see and top it up (audited); the balance API and the console both call it.</summary>
public sealed class TenantBalances(AppDbContext db, AuditTrail audit, IOptions<BillingOptions> options, TimeProvider clock)
{
    public const decimal MaxTopUp = 1_000_000m;
    public const int MaxNoteLength = 200;

    public async Task<Outcome<BalanceView>> TopUpAsync(Guid id, decimal? amount, string? note, CancellationToken cancellationToken)
    {
        if (amount is not { } yuan || yuan <= 0 || yuan > MaxTopUp || Money.FromYuan(yuan) is not { } units)
        {
            return ProblemTypes.Invalid("amount", $"amount is in yuan, more than 0 and at most {MaxTopUp}, with at most four decimals.");
        }
        if (note is { Length: > MaxNoteLength })
        {
            return ProblemTypes.Invalid("note", $"note is at most {MaxNoteLength} characters.");
        }
        var updated = await audit.RunAsync(db, async () =>
        {
            var count = await db.Tenants.Where(t => t.Id == id).ExecuteUpdateAsync(set => set.SetProperty(t => t.Balance, t => t.Balance + units), cancellationToken);
            return (count, count == 1 ? new AuditEntry("tenant.balance_topped_up", $"tenant:{id}", id, $"amount={yuan} note={note}") : null);
        }, cancellationToken);
        return updated == 1
            ? await ViewAsync(id, cancellationToken)
            : ProblemTypes.TenantNotFound.With($"No tenant has id {id}.");
    }

    /// <summary>Balance, price, daily cap and today's spend, in yuan.</summary>
    public async Task<BalanceView> ViewAsync(Guid id, CancellationToken cancellationToken)
    {
        var funds = await Balances.FundsAsync(db, id, options.Value, clock.UtcNowForStorage(), cancellationToken);
        return new BalanceView(id, Money.ToYuan(funds.Balance), Money.ToYuan(funds.Price),
            funds.DailySpendCap is { } cap ? Money.ToYuan(cap) : null, Money.ToYuan(funds.SpentToday));
    }
}
