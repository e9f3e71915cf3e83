using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
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

public sealed record TemplateRequest(string? Name, string? Type, string? Content, string? Scenario, Guid? ApplicationId);

/// <summary>A request that passed its shape checks, as the rules read it, and what they found.</summary>
internal sealed record ReviewedTemplate(TemplateDraft Draft, TemplateReview Review);

public sealed record PrecheckView(List<Finding> Findings, List<TemplateVariable> Variables);

public sealed record TemplateView(
    string Code, int Version, string Name, TemplateType Type, string Content, string Scenario, Guid? ApplicationId, ReviewStatus Status,
    List<TemplateVariable> Variables, List<Finding> Findings, DateTime SubmittedAt, DateTime? DecidedAt, string? DecisionNote)
{
    public static TemplateView From(SmsTemplate t) => new(t.Code, t.Version, t.Name, t.Type, t.Content, t.Scenario, t.ApplicationId, t.Status,
        t.Variables, t.Findings, t.SubmittedAt, t.DecidedAt, t.DecisionNote);
}

/// <summary>
/// Templates: submitted, pre-checked (the same rules, nothing saved), changed (back to review) and deleted. Every
/// finding says which rule and where, so a developer fixes a template before an auditor ever sees it.
/// </summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplates(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/templates").WithTags("Templates").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Create);
        group.MapPost("/precheck", Precheck);
        group.MapGet("/", List);
        group.MapGet("/{code}", Get);
        group.MapPut("/{code}", Change);
        group.MapDelete("/{code}", Delete);
        return group;
    }

    private static async Task<Results<Ok<PrecheckView>, ApiProblem>> Precheck(
        TemplateRequest request, ClaimsPrincipal user, AppDbContext db, TemplateRules rules, CancellationToken cancellationToken)
    {
        var reviewed = await ReviewAsync(request, user.TenantId(), db, rules, cancellationToken);
        return reviewed.Error is { } invalid
            ? invalid.ToResult()
            : TypedResults.Ok(new PrecheckView([.. reviewed.Value!.Review.Findings], [.. reviewed.Value.Review.Variables]));
    }

    private static async Task<Results<Created<TemplateView>, ApiProblem>> Create(
        TemplateRequest request, ClaimsPrincipal user, AppDbContext db, TemplateRules rules, AuditTrail audit, TemplateAutoApproval autoApproval,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var reviewed = await ReviewAsync(request, tenantId, db, rules, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid.ToResult();
        }
        var draft = reviewed.Value!.Draft;
        var template = new SmsTemplate { TenantId = tenantId, Code = NewCode(), Name = draft.Name, Content = draft.Content, Scenario = draft.Scenario };
        Apply(template, reviewed.Value, request.ApplicationId, clock);
        db.Templates.Add(template);
        await audit.SaveChangesAsync(db, Entry("template.submitted", template), cancellationToken);
        await autoApproval.TryAsync(db, template, cancellationToken);
        return TypedResults.Created($"/v1/templates/{template.Code}", TemplateView.From(template));
    }

    private static async Task<Results<Ok<TemplateView>, ApiProblem>> Change(
        string code, TemplateRequest request, ClaimsPrincipal user, AppDbContext db, TemplateRules rules, AuditTrail audit,
        TemplateAutoApproval autoApproval, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var template = await db.Templates.FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Code == code, cancellationToken);
        if (template is null)
        {
            return NotFound(code);
        }
        var reviewed = await ReviewAsync(request, tenantId, db, rules, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid.ToResult();
        }
        template.Version++;
        Apply(template, reviewed.Value!, request.ApplicationId, clock);
        await audit.SaveChangesAsync(db, Entry("template.changed", template), cancellationToken);
        // Back in review: no longer sendable, on this node at once.
        cache.ForgetTenant(TenantCache.ApprovedContent, tenantId);
        await autoApproval.TryAsync(db, template, cancellationToken);
        return TypedResults.Ok(TemplateView.From(template));
    }

    private static async Task<Ok<List<TemplateView>>> List(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var all = await db.Templates.AsNoTracking().Where(t => t.TenantId == tenantId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(all.ConvertAll(TemplateView.From));
    }

    private static async Task<Results<Ok<TemplateView>, ApiProblem>> Get(string code, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        return await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Code == code, cancellationToken) is { } template
            ? TypedResults.Ok(TemplateView.From(template))
            : NotFound(code);
    }

    private static async Task<Results<NoContent, ApiProblem>> Delete(
        string code, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, IMemoryCache cache, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.Templates.Where(t => t.TenantId == tenantId && t.Code == code).ExecuteDeleteAsync(cancellationToken);
            return (count, count == 1 ? new AuditEntry("template.deleted", $"template:{code}", tenantId) : null);
        }, cancellationToken);
        cache.ForgetTenant(TenantCache.ApprovedContent, tenantId);
        return deleted == 1 ? TypedResults.NoContent() : NotFound(code);
    }

    /// <summary>Checks the request's shape (a 400), then runs the rules with what the tenant has approved.</summary>
    private static async Task<Outcome<ReviewedTemplate>> ReviewAsync(
        TemplateRequest request, Guid tenantId, AppDbContext db, TemplateRules rules, CancellationToken cancellationToken)
    {
        if (!EnumInput.TryParse<TemplateType>(request.Type, out var type))
        {
            return ProblemTypes.Invalid("type", "type must be verification, notification or marketing.");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > TemplateRules.MaxNameLength)
        {
            return ProblemTypes.Invalid("name", $"name is required, at most {TemplateRules.MaxNameLength} characters.");
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
    private static void Apply(SmsTemplate template, ReviewedTemplate reviewed, Guid? applicationId, TimeProvider clock)
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

    private static ApiProblem NotFound(string code) =>
        ProblemTypes.NotFound.With($"Your tenant has no template {Echo.Truncate(code)}.").ToResult();
}
