using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Risk.Screening;

namespace SmsVerify.Server.Risk.Incidents;

/// <summary>Gathers what an incident records when a breaker trips: the sender, the counts and the latest samples.</summary>
public static class IncidentReport
{
    // Reason counts over at most this many violations: enough to say what a burst was about.
    private const int MaxCounted = 10_000;

    public static async Task<Incident> OpenAsync(
        AppDbContext db, ContentViolation trigger, BreakerScope scope, IQueryable<ContentViolation> violations, int count, int samples, DateTime now)
    {
        var tenantId = trigger.TenantId;
        var tenantName = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleAsync();
        var qualification = await db.Qualifications.AsNoTracking().Where(q => q.TenantId == tenantId && q.Status == ReviewStatus.Approved)
            .OrderByDescending(q => q.Version).Select(q => new { q.Id, q.SubjectName, q.CreditCode }).FirstOrDefaultAsync();
        var latest = await violations.OrderByDescending(v => v.At).ThenByDescending(v => v.Id).Take(samples).ToListAsync();
        var reasons = await violations.OrderByDescending(v => v.At).Take(MaxCounted).Select(v => v.Reasons).ToListAsync();
        var first = await violations.MinAsync(v => v.At);
        return new Incident
        {
            TenantId = tenantId,
            TenantName = tenantName,
            QualificationId = qualification?.Id,
            QualificationSubject = qualification?.SubjectName,
            QualificationCreditCode = qualification?.CreditCode,
            BreakerId = Guid.CreateVersion7(),
            Scope = scope,
            Signature = scope == BreakerScope.Tenant ? null : trigger.Signature,
            Template = scope == BreakerScope.Template ? trigger.Template : null,
            Status = IncidentStatus.Open,
            Violations = count,
            FirstViolationAt = first,
            LastViolationAt = latest.Count > 0 ? latest[0].At : trigger.At,
            OpenedAt = now,
            ReasonCounts = reasons.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries)).GroupBy(code => code)
                .Select(g => new ReasonCount(g.Key, g.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal).ToList(),
            Samples = latest.ConvertAll(v => new IncidentSample(v.At, v.Signature, v.Template, [.. v.Reasons.Split(',')], v.Sample)),
            Actions = [new IncidentAction(now, "breaker_opened", BreakerTrips.Actor, $"{count} content violations in the window")],
        };
    }
}
