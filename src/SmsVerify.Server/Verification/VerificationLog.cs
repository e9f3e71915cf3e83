using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Stats;

namespace SmsVerify.Server.Verification;

/// <summary>One verification as the console's log lists it; <see cref="WrongCodes"/> counts the checks that failed.</summary>
public sealed record VerificationRow(
    Guid Id, string To, VerificationStatus Status, string Template, DateTime CreatedAt, int SendCount, int WrongCodes, DateTime? EndedAt);

/// <summary>A tenant's verifications of the last day by hour: how many started, and how many of those were approved.</summary>
public sealed record ConversionReport(TrafficWindow Window, int[] Started, int[] Approved)
{
    public double? Conversion => Started.Sum() == 0 ? null : (double)Approved.Sum() / Started.Sum();
}

/// <summary>
/// A tenant's verifications of a window, for the console. The verifications table is indexed by tenant only together
/// with the number, so a tenant's newest would be a sort of all its rows; but every verification's code went out as
/// a message, and messages are indexed by tenant and time. So the window's messages that carried a code are read by
/// that index and joined to their verifications by primary key: only the tenant's own rows of the window are read,
/// and no index is added for pages that every send would pay for.
/// </summary>
public sealed class VerificationLog(AppDbContext db, TimeProvider clock)
{
    /// <summary>The longest window one read covers.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>Up to <paramref name="size"/> verifications started in the window, newest first, older than <paramref name="before"/> when given.</summary>
    public async Task<List<VerificationRow>> PageAsync(
        Guid tenantId, string? to, DateTime from, DateTime? until, Guid? before, int size, CancellationToken cancellationToken)
    {
        var rows = await Page(tenantId, to, from, until, before, size).ToListAsync(cancellationToken);
        var now = clock.UtcNowForStorage();
        return rows.ConvertAll(v =>
        {
            // An ended verification was last written when it ended; one only past its expiry ended then.
            var status = VerificationRecord.StatusAt(v.Status, v.ExpiresAt, now);
            DateTime? ended = status == VerificationStatus.Pending ? null : v.Status == VerificationStatus.Pending ? v.ExpiresAt : v.UpdatedAt;
            return new VerificationRow(v.Id, v.To, status, v.Template, v.CreatedAt, v.SendCount, v.CheckAttempts, ended);
        });
    }

    /// <summary>The last day by hour (UTC), each verification counted in the hour it started, once however often its code was resent.</summary>
    public async Task<ConversionReport> ConversionAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var window = TrafficWindow.Ending(TrafficRange.Day, clock.UtcNowForStorage());
        var counts = await PerHour(tenantId, window).ToListAsync(cancellationToken);
        var report = new ConversionReport(window, new int[window.Slots], new int[window.Slots]);
        foreach (var c in counts)
        {
            report.Started[window.SlotOf(c.Hour)] += c.Count;
            report.Approved[window.SlotOf(c.Hour)] += c.Approved ? c.Count : 0;
        }
        return report;
    }

    internal sealed record Row(
        Guid Id, string To, VerificationStatus Status, string Template, DateTime CreatedAt, DateTime ExpiresAt, int SendCount, int CheckAttempts, DateTime UpdatedAt);

    internal sealed record HourCount(int Hour, bool Approved, int Count);

    // The queries; internal so a test can ask the store for their plans.

    internal IQueryable<Row> Page(Guid tenantId, string? to, DateTime from, DateTime? until, Guid? before, int size)
    {
        var sent = Sent(tenantId, from, to);
        if (until is { } end)
        {
            sent = sent.Where(v => v.CreatedAt < end);
        }
        if (before is { } cursor)
        {
            sent = sent.Where(v => v.Id.CompareTo(cursor) < 0);
        }
        return sent
            .Select(v => new { v.Id, v.To, v.Status, v.Template, v.CreatedAt, v.ExpiresAt, v.SendCount, v.CheckAttempts, v.UpdatedAt })
            .Distinct() // a code resent is a second message of one verification
            .OrderByDescending(v => v.Id)
            .Take(size)
            .Select(v => new Row(v.Id, v.To, v.Status, v.Template, v.CreatedAt, v.ExpiresAt, v.SendCount, v.CheckAttempts, v.UpdatedAt));
    }

    internal IQueryable<HourCount> PerHour(Guid tenantId, TrafficWindow window) =>
        Sent(tenantId, window.From, null)
            .Select(v => new { v.Id, v.CreatedAt.Hour, Approved = v.Status == VerificationStatus.Approved })
            .Distinct()
            .GroupBy(v => new { v.Hour, v.Approved })
            .Select(g => new HourCount(g.Key.Hour, g.Key.Approved, g.Count()));

    /// <summary>The tenant's verifications started at or after <paramref name="from"/>, once per message that carried their code.</summary>
    private IQueryable<VerificationRecord> Sent(Guid tenantId, DateTime from, string? to)
    {
        var messages = db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId && m.VerificationId != null && m.CreatedAt >= from);
        if (to is not null)
        {
            messages = messages.Where(m => m.To == to);
        }
        // A message names a verification of its own tenant only, so the tenant is not asked of the verification: with it,
        // a planner may read every verification of the tenant by the (tenant, number) index to hash them.
        return messages.Join(db.Verifications.AsNoTracking().Where(v => v.CreatedAt >= from),
            m => m.VerificationId, v => (Guid?)v.Id, (m, v) => v);
    }
}
