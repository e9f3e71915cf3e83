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
        var (tenantName, qualification) = await SenderAsync(db, tenantId);
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
            Kind = IncidentKind.Breaker,
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

    /// <summary>
    /// The incident of a number block blocked for pumping: the window's counts, and the latest messages to the block
    /// (masked, as the message log keeps them) as samples.
    /// </summary>
    public static async Task<Incident> OpenForBlockAsync(AppDbContext db, Pumping.RiskBlock block, int samples, string actor, DateTime now)
    {
        var (tenantName, qualification) = await SenderAsync(db, block.TenantId);
        var prefix = Pumping.NumberBlock.NumberPrefix(block.Block);
        var latest = await db.Messages.AsNoTracking()
            .Where(m => m.TenantId == block.TenantId && m.To.StartsWith(prefix) && m.CreatedAt >= block.WindowStart && m.CreatedAt < block.WindowEnd)
            .OrderByDescending(m => m.CreatedAt).Take(samples).Select(m => new { m.CreatedAt, m.Signature, m.Template, m.MaskedText }).ToListAsync();
        var unconverted = block.Sends - block.Approved;
        return new Incident
        {
            TenantId = block.TenantId,
            TenantName = tenantName,
            QualificationId = qualification?.Id,
            QualificationSubject = qualification?.SubjectName,
            QualificationCreditCode = qualification?.CreditCode,
            Kind = IncidentKind.Pumping,
            BlockId = block.Id,
            Block = block.Block,
            Status = IncidentStatus.Open,
            Violations = unconverted,
            FirstViolationAt = block.WindowStart,
            LastViolationAt = block.WindowEnd,
            OpenedAt = now,
            ReasonCounts = [new ReasonCount(PumpingReason, unconverted)],
            Samples = latest.ConvertAll(m => new IncidentSample(m.CreatedAt, m.Signature, m.Template, [PumpingReason], m.MaskedText)),
            Actions = [new IncidentAction(now, "number_block_blocked", actor,
                $"{block.Approved} of {block.Sends} verifications approved; baseline {block.BaselineSends:0.##} a window")],
        };
    }

    /// <summary>
    /// The incident of a breaker a risk officer opened by hand: no violations counted, the officer's reason as its
    /// first action, so the report says who stopped the sender and why.
    /// </summary>
    public static async Task<Incident> OpenByHandAsync(
        AppDbContext db, Guid tenantId, BreakerScope scope, string key, string actor, string reason, DateTime now)
    {
        var (tenantName, qualification) = await SenderAsync(db, tenantId);
        return new Incident
        {
            TenantId = tenantId,
            TenantName = tenantName,
            QualificationId = qualification?.Id,
            QualificationSubject = qualification?.SubjectName,
            QualificationCreditCode = qualification?.CreditCode,
            Kind = IncidentKind.Breaker,
            BreakerId = Guid.CreateVersion7(),
            Scope = scope,
            Signature = scope == BreakerScope.Signature ? key : null,
            Template = scope == BreakerScope.Template ? key : null,
            Status = IncidentStatus.Open,
            FirstViolationAt = now,
            LastViolationAt = now,
            OpenedAt = now,
            Actions = [new IncidentAction(now, "breaker_tripped_by_hand", actor, reason)],
        };
    }

    /// <summary>The reason code a pumping incident counts: verifications whose code was never entered.</summary>
    public const string PumpingReason = "code_never_entered";

    private static async Task<(string TenantName, SenderQualification? Qualification)> SenderAsync(AppDbContext db, Guid tenantId)
    {
        var tenantName = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleAsync();
        var qualification = await db.Qualifications.AsNoTracking().Where(q => q.TenantId == tenantId && q.Status == ReviewStatus.Approved)
            .OrderByDescending(q => q.Version).Select(q => new SenderQualification(q.Id, q.SubjectName, q.CreditCode)).FirstOrDefaultAsync();
        return (tenantName, qualification);
    }

    private sealed record SenderQualification(Guid Id, string? SubjectName, string? CreditCode);
}
