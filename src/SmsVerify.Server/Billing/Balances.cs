using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Billing;

/// <summary>
/// Charges and refunds as single conditional updates: two sends racing for the last yuan, or for the last of the
/// day's spend cap, cannot both win, on one node or many, and a balance never goes below zero. Callers run them
/// inside the transaction that stores what was paid for, so a charge and its messages commit together or not at all.
/// </summary>
public static class Balances
{
    /// <summary>
    /// Takes <paramref name="units"/> if the balance covers them and the day's spend stays within the daily cap;
    /// null when charged, else why not (and nothing taken). The same statement starts the day's spend again from
    /// zero on the first charge of a new China day, so no job has to reset it at midnight.
    /// </summary>
    public static async Task<ApiError?> TryChargeAsync(AppDbContext db, Guid tenantId, long units, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (units == 0)
        {
            return null;
        }
        // SQL rather than ExecuteUpdate, kept prepared on the writer's connection: every batch of sends runs this on
        // the write batcher's one writer, where translating the LINQ each time cost more than the statement.
        var today = ChinaDay.Of(nowUtc);
        var charged = await SqlBatch.ExecuteAsync(db, $"""
            UPDATE "tenants" SET "Balance" = "Balance" - {units},
                "DaySpend" = (CASE WHEN "SpendDay" = {today} THEN "DaySpend" ELSE 0 END) + {units}, "SpendDay" = {today}
            WHERE "Id" = {tenantId} AND "Balance" >= {units}
                AND ("DailySpendCap" IS NULL OR (CASE WHEN "SpendDay" = {today} THEN "DaySpend" ELSE 0 END) + {units} <= "DailySpendCap")
            """);
        if (charged == 1)
        {
            return null;
        }
        // Only a refused charge pays for this read, which says why. A top-up between the two can make it find none.
        var funds = await FundsAsync(db, tenantId, 0, nowUtc, cancellationToken);
        return funds.Refusal(units, nowUtc)
            ?? ProblemTypes.InsufficientBalance.With($"This send costs {Money.ToYuan(units)} yuan, which the balance did not cover a moment ago; try again.");
    }

    /// <summary>Gives back a charge, and takes it off the day's spend if it was charged on the day being counted.</summary>
    public static Task RefundAsync(AppDbContext db, Guid tenantId, long units, DateTime chargedAtUtc, CancellationToken cancellationToken)
    {
        if (units == 0)
        {
            return Task.CompletedTask;
        }
        var day = ChinaDay.Of(chargedAtUtc);
        return db.Tenants.Where(t => t.Id == tenantId).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Balance, t => t.Balance + units)
            .SetProperty(t => t.DaySpend, t => t.SpendDay == day ? (t.DaySpend > units ? t.DaySpend - units : 0) : t.DaySpend), cancellationToken);
    }

    /// <summary>The tenant's price, balance and daily cap now (a read: the charge itself is the guard).</summary>
    public static Task<Funds> FundsAsync(AppDbContext db, Guid tenantId, BillingOptions options, DateTime nowUtc, CancellationToken cancellationToken) =>
        FundsAsync(db, tenantId, options.PricePerSegmentUnits, nowUtc, cancellationToken);

    /// <summary>The columns of a tenant's row that its funds come from, for a caller that reads them with other things.</summary>
    public sealed record FundsRow(long? PricePerSegment, long Balance, long? DailySpendCap, long DaySpend, DateOnly? SpendDay)
    {
        public Funds ToFunds(long defaultPrice, DateTime nowUtc) => new(PricePerSegment ?? defaultPrice, Balance, DailySpendCap,
            SpendDay == ChinaDay.Of(nowUtc) ? DaySpend : 0);
    }

    // Compiled: every send prices itself with this read.
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<FundsRow>> ReadFunds =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, CancellationToken _) =>
            db.Tenants.Where(t => t.Id == tenantId).Select(t => new FundsRow(t.PricePerSegment, t.Balance, t.DailySpendCap, t.DaySpend, t.SpendDay)).First());

    private static async Task<Funds> FundsAsync(AppDbContext db, Guid tenantId, long defaultPrice, DateTime nowUtc, CancellationToken cancellationToken) =>
        (await ReadFunds(db, tenantId, cancellationToken)).ToFunds(defaultPrice, nowUtc);
}
