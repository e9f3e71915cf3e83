using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Policy;
using SmsVerify.Server.RealPerson;
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
        group.MapPost("/", Submit).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes));
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/{id:guid}/documents/{field}", ReadDocument);
        return group;
    }

    private static async Task<Results<Created<QualificationView>, ApiProblem>> Submit(
        [FromForm] QualificationForm form, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, DocumentStore documents,
        PersonalData personalData, PlatformPolicy policy, RealPersonService realPerson, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, cancellationToken);
        var checkedForm = QualificationRules.Check(form, tenant.Kind, policy, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (checkedForm.Error is { } invalid)
        {
            return invalid.ToResult();
        }
        var check = checkedForm.Value!;
        var latest = await db.Qualifications.AsNoTracking().Where(q => q.TenantId == tenantId)
            .OrderByDescending(q => q.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is { Status: not ReviewStatus.Rejected })
        {
            return ProblemTypes.QualificationExists.With($"Qualification version {latest.Version} is {latest.Status}; only a rejected one can be resubmitted.").ToResult();
        }
        var rejected = check.Findings.Exists(f => f.Severity == Finding.Error);
        // A rejected submission keeps its findings but not the person's documents: there is nothing to review.
        List<DocumentRef> stored = [];
        if (!rejected)
        {
            foreach (var (field, file) in form.Files())
            {
                await using var content = file.OpenReadStream();
                var saved = await documents.SaveAsync(tenantId, field, content, cancellationToken);
                if (saved.Error is { } badFile)
                {
                    return badFile.ToResult();
                }
                stored.Add(new DocumentRef(field, saved.Value!.Id, saved.Value.Type, saved.Value.Size, saved.Value.Sha256));
            }
        }
        var id = Guid.CreateVersion7();
        var qualification = new Qualification
        {
            Id = id,
            TenantId = tenantId,
            Version = (latest?.Version ?? 0) + 1,
            Kind = check.Kind,
            Status = rejected ? ReviewStatus.Rejected : ReviewStatus.PendingReview,
            RiskLevel = check.Risk,
            SubjectName = check.SubjectName,
            PersonName = check.PersonName,
            IdNumberMasked = PersonalData.Mask(check.IdNumber),
            IdNumberSealed = personalData.Seal(id, check.IdNumber),
            CreditCode = check.CreditCode,
            LicenceStatus = check.LicenceStatus,
            EstablishedOn = check.EstablishedOn,
            Industry = check.Industry,
            Findings = check.Findings,
            Documents = stored,
            SubmittedAt = clock.UtcNowForStorage(),
        };
        db.Qualifications.Add(qualification);
        var entry = new AuditEntry("qualification.submitted", $"qualification:{id}", tenantId,
            $"version={qualification.Version} status={qualification.Status} risk={qualification.RiskLevel} documents={string.Join(',', stored.Select(d => d.Sha256[..16]))}");
        await audit.SaveChangesAsync(db, entry, cancellationToken);
        await StartRealPersonCheckAsync(form, qualification, tenant, realPerson, cancellationToken);
        return TypedResults.Created($"/v1/qualifications/{id}", QualificationView.From(qualification));
    }

    /// <summary>
    /// A submission that already carries the person's selfie (personal) or the legal representative's video (a
    /// high-risk enterprise) starts its real-person check at once, with the default provider.
    /// </summary>
    private static async Task StartRealPersonCheckAsync(
        QualificationForm form, Qualification qualification, Tenant tenant, RealPersonService realPerson, CancellationToken cancellationToken)
    {
        var (field, file) = qualification.Kind == TenantKind.Personal ? ("selfie", form.Selfie) : ("legalRepVideo", form.LegalRepVideo);
        var due = qualification.Kind == TenantKind.Personal || qualification.RiskLevel == RiskLevel.High;
        if (!due || file is null || qualification.Status != ReviewStatus.PendingReview
            || qualification.Documents.Find(d => d.Field == field) is not { } media || realPerson.Provider(null, tenant).Value is not { } provider)
        {
            return;
        }
        await realPerson.StartAsync(provider, qualification, media, await Uploads.ReadAllAsync(file, cancellationToken),
            new Dictionary<string, string>(), cancellationToken);
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
