using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Billing;

/// <summary>
/// Charges and refunds as single conditional updates: two sends racing for the last yuan cannot both win, on one
/// node or many, and a balance never goes below zero. Callers run them inside the transaction that stores what
/// was paid for, so a charge and its messages commit together or not at all.
/// </summary>
public static class Balances
{
    /// <summary>Takes <paramref name="units"/> if the balance covers them; false (and nothing taken) if not.</summary>
    public static async Task<bool> TryChargeAsync(AppDbContext db, Guid tenantId, long units, CancellationToken cancellationToken) =>
        units == 0 || await db.Tenants.Where(t => t.Id == tenantId && t.Balance >= units)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Balance, t => t.Balance - units), cancellationToken) == 1;

    public static Task RefundAsync(AppDbContext db, Guid tenantId, long units, CancellationToken cancellationToken) =>
        units == 0 ? Task.CompletedTask : db.Tenants.Where(t => t.Id == tenantId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Balance, t => t.Balance + units), cancellationToken);

    /// <summary>The tenant's price per segment and its balance now (a read: the charge itself is the guard).</summary>
    public static async Task<(long Price, long Balance)> PriceAndBalanceAsync(AppDbContext db, Guid tenantId, BillingOptions options, CancellationToken cancellationToken)
    {
        var row = await db.Tenants.Where(t => t.Id == tenantId).Select(t => new { t.PricePerSegment, t.Balance }).FirstAsync(cancellationToken);
        return (row.PricePerSegment ?? options.PricePerSegmentUnits, row.Balance);
    }
}
