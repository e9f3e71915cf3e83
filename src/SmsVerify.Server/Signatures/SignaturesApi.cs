using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Signatures;

public sealed record SignatureView(
    Guid Id, string Name, SignatureSource Source, SignaturePurpose Purpose, Guid QualificationId, Guid? ApplicationId, string? TrademarkNumber,
    ReviewStatus Status, List<Finding> Findings, List<DocumentRef> Documents, DateTime SubmittedAt, DateTime? DecidedAt, string? DecisionNote)
{
    public static SignatureView From(Signature s) => new(s.Id, s.Name, s.Source, s.Purpose, s.QualificationId, s.ApplicationId, s.TrademarkNumber,
        s.Status, s.Findings, s.Documents, s.SubmittedAt, s.DecidedAt, s.DecisionNote);
}

public sealed record SignaturePrecheckView(List<Finding> Findings);

/// <summary>
/// Signatures: judged against the tenant's qualification subject and approved applications (the seed's "blood
/// relationship" between the name and the sender), pre-checked with the same rules, then reviewed by a human.
/// </summary>
public static class SignaturesApi
{
    public const long MaxSubmissionBytes = 32L * 1024 * 1024;

    public static RouteGroupBuilder MapSignatures(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/signatures").WithTags("Signatures").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Submit).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes));
        group.MapPost("/precheck", Precheck).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes));
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        return group;
    }

    private static async Task<Results<Ok<SignaturePrecheckView>, ApiProblem>> Precheck(
        [FromForm] SignatureForm form, ClaimsPrincipal user, AppDbContext db, SignatureRules rules, CancellationToken cancellationToken)
    {
        var reviewed = await ReviewAsync(form, user.TenantId(), db, rules, cancellationToken);
        return reviewed.Error is { } invalid ? invalid.ToResult() : TypedResults.Ok(new SignaturePrecheckView([.. reviewed.Value.Review.Findings]));
    }

    private static async Task<Results<Created<SignatureView>, ApiProblem>> Submit(
        [FromForm] SignatureForm form, ClaimsPrincipal user, AppDbContext db, SignatureRules rules, DocumentStore documents, AuditTrail audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var reviewed = await ReviewAsync(form, tenantId, db, rules, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid.ToResult();
        }
        var (review, draft, qualificationId) = reviewed.Value;
        List<DocumentRef> stored = [];
        if (!review.Rejected)
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
        var signature = new Signature
        {
            TenantId = tenantId,
            QualificationId = qualificationId,
            ApplicationId = form.ApplicationId,
            Name = draft.Name,
            Source = draft.Source,
            Purpose = draft.Purpose,
            TrademarkNumber = draft.TrademarkNumber,
            Documents = stored,
            Findings = [.. review.Findings],
            Status = review.Rejected ? ReviewStatus.Rejected : ReviewStatus.PendingReview,
            SubmittedAt = clock.UtcNowForStorage(),
        };
        db.Signatures.Add(signature);
        await audit.SaveChangesAsync(db, new AuditEntry("signature.submitted", $"signature:{signature.Id}", tenantId,
            $"name={signature.Name} source={signature.Source} status={signature.Status}"), cancellationToken);
        return TypedResults.Created($"/v1/signatures/{signature.Id}", SignatureView.From(signature));
    }

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
            : ProblemTypes.NotFound.With($"Your tenant has no signature with id {id}.").ToResult();
    }

    /// <summary>The form's shape is a 400; what the rules think of it is findings, judged against the tenant's subject and applications.</summary>
    private static async Task<Outcome<(SignatureReview Review, SignatureDraft Draft, Guid QualificationId)>> ReviewAsync(
        SignatureForm form, Guid tenantId, AppDbContext db, SignatureRules rules, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Length > SignatureForm.MaxNameLength)
        {
            return ProblemTypes.Invalid("name", $"name is required, at most {SignatureForm.MaxNameLength} characters.");
        }
        if (!EnumInput.TryParse<SignatureSource>(form.Source, out var source))
        {
            return ProblemTypes.Invalid("source", "source must be company, trademark, app, website, miniprogram or authorization.");
        }
        if (!EnumInput.TryParse<SignaturePurpose>(form.Purpose ?? "general", out var purpose))
        {
            return ProblemTypes.Invalid("purpose", "purpose must be verification or general.");
        }
        if (form.TrademarkNumber is { Length: > 20 })
        {
            return ProblemTypes.Invalid("trademarkNumber", "trademarkNumber is at most 20 characters.");
        }
        var kind = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Kind).FirstAsync(cancellationToken);
        var qualification = await db.Qualifications.AsNoTracking().Where(q => q.TenantId == tenantId && q.Status != ReviewStatus.Rejected)
            .OrderByDescending(q => q.Version).FirstOrDefaultAsync(cancellationToken);
        if (qualification is null)
        {
            return ProblemTypes.QualificationRequired.With("Submit a qualification first: a signature is judged against its subject.");
        }
        var applications = await db.LandingApps.AsNoTracking().Where(a => a.TenantId == tenantId && a.Status == ReviewStatus.Approved)
            .Select(a => new ApprovedApplication(a.Kind, a.Name, a.Domain)).ToListAsync(cancellationToken);
        var draft = new SignatureDraft(form.Name.Trim(), source, purpose, form.TrademarkCertificate is not null, form.TrademarkNumber?.Trim(),
            form.PowerOfAttorney is not null, form.ThirdPartyQualification is not null);
        return (rules.Review(draft, new SignatureContext(kind, qualification.SubjectName, applications)), draft, qualification.Id);
    }
}
