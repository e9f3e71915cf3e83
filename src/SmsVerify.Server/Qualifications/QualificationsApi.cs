using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Qualifications;

public sealed record QualificationView(
    Guid Id, int Version, TenantKind Kind, ReviewStatus Status, RiskLevel RiskLevel, string SubjectName, string IdNumber,
    List<Finding> Findings, List<DocumentRef> Documents, DateTime SubmittedAt, DateTime? DecidedAt, string? DecisionNote)
{
    public static QualificationView From(Qualification q) => new(q.Id, q.Version, q.Kind, q.Status, q.RiskLevel, q.SubjectName,
        q.IdNumberMasked, q.Findings, q.Documents, q.SubmittedAt, q.DecidedAt, q.DecisionNote);
}

public static class QualificationsApi
{
    /// <summary>Room for the largest set of files a submission may carry (a video and four images).</summary>
    public const long MaxSubmissionBytes = 80L * 1024 * 1024;

    public static RouteGroupBuilder MapQualifications(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/qualifications").WithTags("Qualifications").RequireAuthorization(Policies.Tenant);
        // Bearer keys, not cookies, authenticate these requests, so there is no cross-site form to forge.
        group.MapPost("/", Submit).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes))
            .Describe("submitQualification", "Submit the qualification",
                "Who sends: a person with real-name verification, or an enterprise with its business licence, as a multipart "
                + "form with the documents (encrypted at rest). A tenant has one qualification under review or in force at a time.")
            .Answers(ProblemTypes.QualificationExists);
        group.MapGet("/", List).Describe("listQualifications", "List qualifications", "The tenant's qualification and its earlier versions.");
        group.MapGet("/{id:guid}", Get).Describe("getQualification", "Get a qualification", "Its fields and review status; documents are read one by one.")
            .Answers(ProblemTypes.QualificationNotFound);
        group.MapGet("/{id:guid}/documents/{field}", ReadDocument)
            .Describe("readQualificationDocument", "Read a submitted document", "The document in one field of the form, decrypted; the read is audited.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "image/jpeg", "image/png", "application/pdf")
            .Answers(ProblemTypes.QualificationNotFound, ProblemTypes.DocumentNotFound);
        return group;
    }

    private static async Task<Results<Created<QualificationView>, ApiProblem>> Submit(
        [FromForm] QualificationForm form, ClaimsPrincipal user, QualificationSubmissions submissions, CancellationToken cancellationToken)
    {
        var submitted = await submissions.SubmitAsync(user.TenantId(), form, cancellationToken);
        return submitted.Error is { } invalid
            ? invalid.ToResult()
            : TypedResults.Created($"/v1/qualifications/{submitted.Value!.Id}", QualificationView.From(submitted.Value));
    }

    private static async Task<Ok<List<QualificationView>>> List(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var all = await db.Qualifications.AsNoTracking().Where(q => q.TenantId == tenantId).OrderBy(q => q.Version).ToListAsync(cancellationToken);
        return TypedResults.Ok(all.ConvertAll(QualificationView.From));
    }

    private static async Task<Results<FileContentHttpResult, ApiProblem>> ReadDocument(
        Guid id, string field, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, DocumentStore documents, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var qualification = await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.TenantId == tenantId, cancellationToken);
        return qualification is null
            ? ProblemTypes.QualificationNotFound.With($"Your tenant has no qualification with id {id}.").ToResult()
            : await DocumentReads.ServeAsync(qualification, field, db, audit, documents, cancellationToken);
    }

    private static async Task<Results<Ok<QualificationView>, ApiProblem>> Get(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var qualification = await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.TenantId == tenantId, cancellationToken);
        return qualification is null
            ? ProblemTypes.QualificationNotFound.With($"Your tenant has no qualification with id {id}.").ToResult()
            : TypedResults.Ok(QualificationView.From(qualification));
    }
}
