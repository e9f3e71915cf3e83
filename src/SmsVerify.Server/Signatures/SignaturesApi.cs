using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Signatures;

public sealed record SignatureView(
    Guid Id, int Version, string Name, SignatureSource Source, SignaturePurpose Purpose, Guid QualificationId, Guid? ApplicationId,
    string? TrademarkNumber, string Extension, ReviewStatus Status, List<Finding> Findings, List<DocumentRef> Documents, DateTime SubmittedAt,
    DateTime? DecidedAt, string? DecisionNote)
{
    public static SignatureView From(Signature s) => new(s.Id, s.Version, s.Name, s.Source, s.Purpose, s.QualificationId, s.ApplicationId,
        s.TrademarkNumber, s.Extension, s.Status, s.Findings, s.Documents, s.SubmittedAt, s.DecidedAt, s.DecisionNote);
}

public sealed record SignaturePrecheckView(List<Finding> Findings);

/// <summary>
/// Signatures: judged against the tenant's qualification subject and approved applications (the seed's "blood
/// relationship" between the name and the sender), pre-checked with the same rules, then reviewed by a human.
/// The judging is <see cref="SignatureSubmissions"/>, which the vendors' signature calls share.
/// </summary>
public static class SignaturesApi
{
    public const long MaxSubmissionBytes = 32L * 1024 * 1024;

    public static RouteGroupBuilder MapSignatures(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/signatures").WithTags("Signatures").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Submit).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes))
            .Describe("submitSignature", "Submit a signature",
                "The name in 【】, judged against the qualification's subject and the approved applications it names, with its "
                + "proof as a multipart form; if nothing blocks it, queued for an auditor.")
            .Answers(ProblemTypes.QualificationRequired, ProblemTypes.ApplicationNotFound);
        group.MapPost("/precheck", Precheck).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes))
            .Describe("precheckSignature", "Pre-check a signature", "The same rules as submitting, nothing saved.")
            .Answers(ProblemTypes.QualificationRequired, ProblemTypes.ApplicationNotFound);
        group.MapGet("/", List).Describe("listSignatures", "List signatures", "The tenant's signatures with their review status.");
        group.MapGet("/{id:guid}", Get).Describe("getSignature", "Get a signature", "One signature by id.").Answers(ProblemTypes.NotFound);
        group.MapPut("/{id:guid}", Change).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes))
            .Describe("changeSignature", "Change a signature", "The change is judged as a new submission and goes back to review.")
            .Answers(ProblemTypes.NotFound, ProblemTypes.QualificationRequired, ProblemTypes.ApplicationNotFound);
        group.MapDelete("/{id:guid}", Delete).Describe("deleteSignature", "Delete a signature", "Nothing more is sent under it.")
            .Answers(ProblemTypes.NotFound);
        return group;
    }

    private static async Task<Results<Ok<SignaturePrecheckView>, ApiProblem>> Precheck(
        [FromForm] SignatureForm form, ClaimsPrincipal user, SignatureSubmissions submissions, CancellationToken cancellationToken)
    {
        var checkedForm = await submissions.PrecheckAsync(user.TenantId(), form, cancellationToken);
        return checkedForm.Error is { } invalid ? invalid.ToResult() : TypedResults.Ok(checkedForm.Value!);
    }

    private static async Task<Results<Created<SignatureView>, ApiProblem>> Submit(
        [FromForm] SignatureForm form, ClaimsPrincipal user, SignatureSubmissions submissions, CancellationToken cancellationToken)
    {
        var submitted = await submissions.SubmitAsync(user.TenantId(), form, cancellationToken);
        return submitted.Error is { } invalid
            ? invalid.ToResult()
            : TypedResults.Created($"/v1/signatures/{submitted.Value!.Id}", SignatureView.From(submitted.Value));
    }

    private static async Task<Results<Ok<SignatureView>, ApiProblem>> Change(
        Guid id, [FromForm] SignatureForm form, ClaimsPrincipal user, SignatureSubmissions submissions, CancellationToken cancellationToken)
    {
        var changed = await submissions.ChangeAsync(user.TenantId(), id, form, cancellationToken);
        return changed.Error is { } invalid ? invalid.ToResult() : TypedResults.Ok(SignatureView.From(changed.Value!));
    }

    private static async Task<Results<NoContent, ApiProblem>> Delete(
        Guid id, ClaimsPrincipal user, SignatureSubmissions submissions, CancellationToken cancellationToken) =>
        await submissions.DeleteAsync(user.TenantId(), id, cancellationToken) ? TypedResults.NoContent() : SignatureSubmissions.NotFound(id).ToResult();

    private static async Task<Ok<List<SignatureView>>> List(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var all = await db.Signatures.AsNoTracking().Where(s => s.TenantId == tenantId).OrderBy(s => s.SubmittedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(all.ConvertAll(SignatureView.From));
    }

    private static async Task<Results<Ok<SignatureView>, ApiProblem>> Get(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        return await db.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.TenantId == tenantId, cancellationToken) is { } signature
            ? TypedResults.Ok(SignatureView.From(signature))
            : SignatureSubmissions.NotFound(id).ToResult();
    }
}
