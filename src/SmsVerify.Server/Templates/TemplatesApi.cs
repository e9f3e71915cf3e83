using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Templates;

public sealed record TemplateRequest(string? Name, string? Type, string? Content, string? Scenario, Guid? ApplicationId = null);

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
        group.MapPost("/", Create)
            .Example(VerificationTemplate)
            .Describe("submitTemplate", "Submit a template",
                "Judges the template by the review rules (its type, one scenario, variables and their types, no links or ads "
                + "outside the approved application) and, if nothing blocks it, queues it for an auditor. Answers the template "
                + "with its findings and status.")
            .Answers(ProblemTypes.ApplicationNotFound);
        group.MapPost("/precheck", Precheck)
            .Example(VerificationTemplate)
            .Describe("precheckTemplate", "Pre-check a template",
                "The same rules as submitting, nothing saved: every finding with its rule, severity and the span it marks.")
            .Answers(ProblemTypes.ApplicationNotFound);
        group.MapGet("/", List).Describe("listTemplates", "List templates", "The tenant's templates with their review status.");
        group.MapGet("/{code}", Get).Describe("getTemplate", "Get a template", "One template by its code.").Answers(ProblemTypes.NotFound);
        group.MapPut("/{code}", Change)
            .Example(VerificationTemplate)
            .Describe("changeTemplate", "Change a template", "The change is judged as a new submission and goes back to review.")
            .Answers(ProblemTypes.NotFound, ProblemTypes.ApplicationNotFound);
        group.MapDelete("/{code}", Delete).Describe("deleteTemplate", "Delete a template", "It can no longer be sent.").Answers(ProblemTypes.NotFound);
        return group;
    }

    private static readonly TemplateRequest VerificationTemplate =
        new("登录验证码", "verification", "您的登录验证码为${code}，5分钟内有效。如非本人操作，请忽略本短信。", "用户在示例商城 App 登录时发送");

    private static async Task<Results<Ok<PrecheckView>, ApiProblem>> Precheck(
        TemplateRequest request, ClaimsPrincipal user, TemplateSubmissions submissions, CancellationToken cancellationToken)
    {
        var checkedTemplate = await submissions.PrecheckAsync(user.TenantId(), request, cancellationToken);
        return checkedTemplate.Error is { } invalid ? invalid.ToResult() : TypedResults.Ok(checkedTemplate.Value!);
    }

    private static async Task<Results<Created<TemplateView>, ApiProblem>> Create(
        TemplateRequest request, ClaimsPrincipal user, TemplateSubmissions submissions, CancellationToken cancellationToken)
    {
        var submitted = await submissions.SubmitAsync(user.TenantId(), request, cancellationToken);
        return submitted.Error is { } invalid
            ? invalid.ToResult()
            : TypedResults.Created($"/v1/templates/{submitted.Value!.Code}", TemplateView.From(submitted.Value));
    }

    private static async Task<Results<Ok<TemplateView>, ApiProblem>> Change(
        string code, TemplateRequest request, ClaimsPrincipal user, TemplateSubmissions submissions, CancellationToken cancellationToken)
    {
        var changed = await submissions.ChangeAsync(user.TenantId(), code, request, cancellationToken);
        return changed.Error is { } invalid ? invalid.ToResult() : TypedResults.Ok(TemplateView.From(changed.Value!));
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
            : TemplateSubmissions.NotFound(code).ToResult();
    }

    private static async Task<Results<NoContent, ApiProblem>> Delete(
        string code, ClaimsPrincipal user, TemplateSubmissions submissions, CancellationToken cancellationToken) =>
        await submissions.DeleteAsync(user.TenantId(), code, cancellationToken) ? TypedResults.NoContent() : TemplateSubmissions.NotFound(code).ToResult();
}
