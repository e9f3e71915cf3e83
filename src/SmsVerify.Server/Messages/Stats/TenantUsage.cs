using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Stats;

/// <summary>A tenant's messages, segments and cost (yuan) per UTC day, oldest first, the last one today.</summary>
public sealed record DailyUsage(IReadOnlyList<DateOnly> Days, int[] Messages, int[] Segments, decimal[] Cost)
{
    /// <summary>The x labels: MM-dd.</summary>
    public IReadOnlyList<string> Labels => [.. Days.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture))];
}

/// <summary>
/// What a tenant sent and paid per day, for its Account page: one grouped read on the messages' (tenant, time) index,
/// a few dozen counts back. Days are UTC, as every time the console shows; the spend cap counts China days.
/// </summary>
public sealed class TenantUsage(AppDbContext db, TimeProvider clock)
{
    public const int MaxDays = 31;

    private sealed record DayCount(int Month, int Day, int Messages, int Segments, long Cost);

    public async Task<DailyUsage> DailyAsync(Guid tenantId, int days, CancellationToken cancellationToken)
    {
        days = Math.Clamp(days, 1, MaxDays);
        var today = DateOnly.FromDateTime(clock.UtcNowForStorage());
        var first = today.AddDays(1 - days);
        var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Within at most 31 days, (month, day) names one day only; both engines compute them, unlike a truncated date.
        var counts = await db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId && m.CreatedAt >= from)
            .GroupBy(m => new { m.CreatedAt.Month, m.CreatedAt.Day })
            .Select(g => new DayCount(g.Key.Month, g.Key.Day, g.Count(), g.Sum(m => m.Segments), g.Sum(m => m.Cost)))
            .ToListAsync(cancellationToken);
        var list = Enumerable.Range(0, days).Select(first.AddDays).ToList();
        var (messages, segments, cost) = (new int[days], new int[days], new decimal[days]);
        foreach (var c in counts)
        {
            var i = list.FindIndex(d => d.Month == c.Month && d.Day == c.Day);
            if (i >= 0)
            {
                (messages[i], segments[i], cost[i]) = (c.Messages, c.Segments, Money.ToYuan(c.Cost));
            }
        }
        return new DailyUsage(list, messages, segments, cost);
    }
}
