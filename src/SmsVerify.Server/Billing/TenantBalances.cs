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

    public const decimal MaxDailyLimit = 10_000_000m;

    /// <summary>
    /// Sets or (null) removes the daily spend cap, for operators (<c>PUT /v1/tenants/{id}/spend-cap</c>) and a tenant's
    /// owners (the console). Takes effect with the next charge on every node: the cap is read by the charge's own UPDATE.
    /// </summary>
    public async Task<Outcome<BalanceView>> SetSpendCapAsync(Guid id, decimal? dailyLimit, CancellationToken cancellationToken)
    {
        long? units = null;
        if (dailyLimit is { } limit && (limit < 0 || limit > MaxDailyLimit || (units = Money.FromYuan(limit)) is null))
        {
            return ProblemTypes.Invalid("dailyLimit", $"dailyLimit is in yuan, 0 to {MaxDailyLimit}, with at most four decimals; null removes the cap.");
        }
        var updated = await audit.RunAsync(db, async () =>
        {
            var count = await db.Tenants.Where(t => t.Id == id).ExecuteUpdateAsync(set => set.SetProperty(t => t.DailySpendCap, units), cancellationToken);
            return (count, count == 1 ? new AuditEntry("tenant.spend_cap_set", $"tenant:{id}", id, $"dailyLimit={dailyLimit?.ToString() ?? "none"}") : null);
        }, cancellationToken);
        return updated == 1 ? await ViewAsync(id, cancellationToken) : ProblemTypes.TenantNotFound.With($"No tenant has id {id}.");
    }

    /// <summary>Balance, price, daily cap and today's spend, in yuan.</summary>
    public async Task<BalanceView> ViewAsync(Guid id, CancellationToken cancellationToken)
    {
        var funds = await Balances.FundsAsync(db, id, options.Value, clock.UtcNowForStorage(), cancellationToken);
        return new BalanceView(id, Money.ToYuan(funds.Balance), Money.ToYuan(funds.Price),
            funds.DailySpendCap is { } cap ? Money.ToYuan(cap) : null, Money.ToYuan(funds.SpentToday));
    }
}
