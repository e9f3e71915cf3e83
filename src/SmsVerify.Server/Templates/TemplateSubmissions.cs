using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Templates;

/// <summary>A request that passed its shape checks, as the rules read it, and what they found.</summary>
internal sealed record ReviewedTemplate(TemplateDraft Draft, TemplateReview Review);

/// <summary>
/// The one way a template is submitted, changed, pre-checked and deleted, whichever door the request came in by
/// (<c>/v1/templates</c>, or a vendor's template calls under <c>Compat/</c>): the rules, the audit record, the
/// auto-approval and the cache of sendable content are the same for all of them.
/// </summary>
public sealed class TemplateSubmissions(
    AppDbContext db, TemplateRules rules, AuditTrail audit, TemplateAutoApproval autoApproval, ClusterCache cache, TimeProvider clock)
{
    public async Task<Outcome<PrecheckView>> PrecheckAsync(Guid tenantId, TemplateRequest request, CancellationToken cancellationToken)
    {
        var reviewed = await ReviewAsync(request, tenantId, cancellationToken);
        return reviewed.Error is { } invalid ? invalid : new PrecheckView([.. reviewed.Value!.Review.Findings], [.. reviewed.Value.Review.Variables]);
    }

    /// <summary>Stores a new template under a fresh <c>SMS_…</c> code: rejected at once by an error, otherwise in review or auto-approved.</summary>
    public async Task<Outcome<SmsTemplate>> SubmitAsync(Guid tenantId, TemplateRequest request, CancellationToken cancellationToken)
    {
        var reviewed = await ReviewAsync(request, tenantId, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid;
        }
        var draft = reviewed.Value!.Draft;
        var template = new SmsTemplate { TenantId = tenantId, Code = NewCode(), Name = draft.Name, Content = draft.Content, Scenario = draft.Scenario };
        Apply(template, reviewed.Value, request.ApplicationId);
        db.Templates.Add(template);
        await audit.SaveChangesAsync(db, Entry("template.submitted", template), cancellationToken);
        await autoApproval.TryAsync(db, template, cancellationToken);
        return template;
    }

    /// <summary>New content is the template's next version, back in review.</summary>
    public async Task<Outcome<SmsTemplate>> ChangeAsync(Guid tenantId, string code, TemplateRequest request, CancellationToken cancellationToken)
    {
        var template = await db.Templates.FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Code == code, cancellationToken);
        if (template is null)
        {
            return NotFound(code);
        }
        var reviewed = await ReviewAsync(request, tenantId, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid;
        }
        template.Version++;
        Apply(template, reviewed.Value!, request.ApplicationId);
        await audit.SaveChangesAsync(db, Entry("template.changed", template), cancellationToken);
        // Back in review: no longer sendable, on this node at once.
        cache.ForgetTenant(TenantCache.ApprovedContent, tenantId);
        await autoApproval.TryAsync(db, template, cancellationToken);
        return template;
    }

    /// <summary>Deletes the template; false when the tenant has none with this code.</summary>
    public async Task<bool> DeleteAsync(Guid tenantId, string code, CancellationToken cancellationToken)
    {
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.Templates.Where(t => t.TenantId == tenantId && t.Code == code).ExecuteDeleteAsync(cancellationToken);
            return (count, count == 1 ? new AuditEntry("template.deleted", $"template:{code}", tenantId) : null);
        }, cancellationToken);
        cache.ForgetTenant(TenantCache.ApprovedContent, tenantId);
        return deleted == 1;
    }

    /// <summary>
    /// Why a template is not approved, in one line for the vendors' single reason field: the auditor's note, or the
    /// rules' errors when they rejected it, or else their warnings (what the auditor will look at).
    /// </summary>
    public static string ReasonOf(SmsTemplate template) =>
        template.DecisionNote ?? string.Join(" ", (template.Findings.Any(f => f.Severity == Finding.Error)
            ? template.Findings.Where(f => f.Severity == Finding.Error)
            : template.Findings).Select(f => f.Message));

    public static ApiError NotFound(string code) => ProblemTypes.NotFound.With($"Your tenant has no template {Echo.Truncate(code)}.");

    /// <summary>Checks the request's shape (a 400), then runs the rules with what the tenant has approved.</summary>
    private async Task<Outcome<ReviewedTemplate>> ReviewAsync(TemplateRequest request, Guid tenantId, CancellationToken cancellationToken)
    {
        if (!EnumInput.TryParse<TemplateType>(request.Type, out var type))
        {
            return ProblemTypes.Invalid("type", "type must be verification, notification or marketing.");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > TemplateRules.MaxNameLength)
        {
            return ProblemTypes.Invalid("name", $"name is required, at most {TemplateRules.MaxNameLength} characters.");
        }
        if (NameText.Refusal("name", request.Name) is { } unprintable)
        {
            return unprintable;
        }
        // Longer content is a finding (the rule explains it); only a body that could never be a template is refused.
        if (request.Content is null || request.Content.Length > 4 * TemplateRules.MaxContentLength)
        {
            return ProblemTypes.Invalid("content", $"content is required, at most {TemplateRules.MaxContentLength} characters.");
        }
        if (request.Scenario is null || request.Scenario.Length > TemplateRules.MaxScenarioLength)
        {
            return ProblemTypes.Invalid("scenario", $"scenario is required: what the message is for, at most {TemplateRules.MaxScenarioLength} characters.");
        }
        if (request.ApplicationId is { } appId && !await db.LandingApps.AnyAsync(a => a.Id == appId && a.TenantId == tenantId, cancellationToken))
        {
            return ProblemTypes.ApplicationNotFound.With($"Your tenant has no landing application with id {appId}.");
        }
        var kind = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Kind).FirstAsync(cancellationToken);
        // A template tied to an application links only to that application; an untied one to any of the tenant's.
        var domains = await db.LandingApps
            .Where(a => a.TenantId == tenantId && a.Status == ReviewStatus.Approved && a.Domain != null
                && (request.ApplicationId == null || a.Id == request.ApplicationId))
            .Select(a => a.Domain!).ToListAsync(cancellationToken);
        var draft = new TemplateDraft(request.Name.Trim(), type, request.Content, request.Scenario.Trim());
        return new ReviewedTemplate(draft, rules.Review(draft, new TemplateContext(kind, domains)));
    }

    /// <summary>Takes the reviewed content. Errors reject at once; everything else waits for a human, who sees the warnings.</summary>
    private void Apply(SmsTemplate template, ReviewedTemplate reviewed, Guid? applicationId)
    {
        var (draft, review) = reviewed;
        template.Name = draft.Name;
        template.Type = draft.Type;
        template.Content = draft.Content;
        template.Scenario = draft.Scenario;
        template.ApplicationId = applicationId;
        template.Variables = [.. review.Variables];
        template.Findings = [.. review.Findings];
        template.Status = review.Rejected ? ReviewStatus.Rejected : ReviewStatus.PendingReview;
        template.SubmittedAt = clock.UtcNowForStorage();
        template.DecidedAt = null;
        template.DecidedBy = null;
        template.DecisionNote = null;
    }

    private static string NewCode() => "SMS_" + RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000);

    private static AuditEntry Entry(string action, SmsTemplate t) =>
        new(action, $"template:{t.Code}", t.TenantId, $"version={t.Version} type={t.Type} status={t.Status}");
}
