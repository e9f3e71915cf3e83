using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.LandingApps;
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

/// <summary>A form that passed its shape checks, what the rules found, and what it is tied to.</summary>
internal sealed record ReviewedSignature(SignatureReview Review, SignatureDraft Draft, Guid QualificationId, Guid? ApplicationId);

internal sealed record SignatureServices(AppDbContext Db, SignatureRules Rules, DocumentStore Documents, AuditTrail Audit, IMemoryCache Cache, TimeProvider Clock);

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
        group.MapPut("/{id:guid}", Change).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSubmissionBytes));
        group.MapDelete("/{id:guid}", Delete);
        return group;
    }

    private static async Task<Results<Ok<SignaturePrecheckView>, ApiProblem>> Precheck(
        [FromForm] SignatureForm form, ClaimsPrincipal user, AppDbContext db, SignatureRules rules, CancellationToken cancellationToken)
    {
        var reviewed = await ReviewAsync(form, user.TenantId(), db, rules, cancellationToken);
        return reviewed.Error is { } invalid ? invalid.ToResult() : TypedResults.Ok(new SignaturePrecheckView([.. reviewed.Value!.Review.Findings]));
    }

    private static async Task<Results<Created<SignatureView>, ApiProblem>> Submit(
        [FromForm] SignatureForm form, ClaimsPrincipal user, [AsParameters] SignatureServices services, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var reviewed = await ReviewAsync(form, tenantId, services.Db, services.Rules, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid.ToResult();
        }
        var signature = new Signature
        {
            TenantId = tenantId,
            Name = reviewed.Value!.Draft.Name,
            Extension = await SourceExtensions.NewAsync(services.Db, cancellationToken),
        };
        if (await ApplyAsync(signature, form, reviewed.Value!, services, cancellationToken) is { } badFile)
        {
            return badFile.ToResult();
        }
        services.Db.Signatures.Add(signature);
        await services.Audit.SaveChangesAsync(services.Db, Entry("signature.submitted", signature), cancellationToken);
        return TypedResults.Created($"/v1/signatures/{signature.Id}", SignatureView.From(signature));
    }

    /// <summary>A changed signature is judged again from scratch and goes back to review; it sends nothing until approved.</summary>
    private static async Task<Results<Ok<SignatureView>, ApiProblem>> Change(
        Guid id, [FromForm] SignatureForm form, ClaimsPrincipal user, [AsParameters] SignatureServices services, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var signature = await services.Db.Signatures.FirstOrDefaultAsync(s => s.Id == id && s.TenantId == tenantId, cancellationToken);
        if (signature is null)
        {
            return NotFound(id);
        }
        var reviewed = await ReviewAsync(form, tenantId, services.Db, services.Rules, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid.ToResult();
        }
        if (await ApplyAsync(signature, form, reviewed.Value!, services, cancellationToken) is { } badFile)
        {
            return badFile.ToResult();
        }
        signature.Version++;
        await services.Audit.SaveChangesAsync(services.Db, Entry("signature.changed", signature), cancellationToken);
        // Back in review: no longer sendable, on this node at once.
        services.Cache.ForgetTenant(TenantCache.ApprovedContent, tenantId);
        return TypedResults.Ok(SignatureView.From(signature));
    }

    private static async Task<Results<NoContent, ApiProblem>> Delete(
        Guid id, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, IMemoryCache cache, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.Signatures.Where(s => s.Id == id && s.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
            return (count, count == 1 ? new AuditEntry("signature.deleted", $"signature:{id}", tenantId) : null);
        }, cancellationToken);
        cache.ForgetTenant(TenantCache.ApprovedContent, tenantId);
        return deleted == 1 ? TypedResults.NoContent() : NotFound(id);
    }

    /// <summary>Takes the reviewed form: errors reject at once (and keep no documents); anything else waits for an auditor.</summary>
    private static async Task<ApiError?> ApplyAsync(
        Signature signature, SignatureForm form, ReviewedSignature reviewed, SignatureServices services, CancellationToken cancellationToken)
    {
        List<DocumentRef> stored = [];
        if (!reviewed.Review.Rejected)
        {
            foreach (var (field, file) in form.Files())
            {
                await using var content = file.OpenReadStream();
                var saved = await services.Documents.SaveAsync(signature.TenantId, field, content, cancellationToken);
                if (saved.Error is { } badFile)
                {
                    return badFile;
                }
                stored.Add(new DocumentRef(field, saved.Value!.Id, saved.Value.Type, saved.Value.Size, saved.Value.Sha256));
            }
        }
        var draft = reviewed.Draft;
        signature.QualificationId = reviewed.QualificationId;
        signature.ApplicationId = reviewed.ApplicationId;
        signature.Name = draft.Name;
        signature.Source = draft.Source;
        signature.Purpose = draft.Purpose;
        signature.TrademarkNumber = draft.TrademarkNumber;
        signature.Documents = stored;
        signature.Findings = [.. reviewed.Review.Findings];
        signature.Status = reviewed.Review.Rejected ? ReviewStatus.Rejected : ReviewStatus.PendingReview;
        signature.SubmittedAt = services.Clock.UtcNowForStorage();
        signature.DecidedAt = null;
        signature.DecidedBy = null;
        signature.DecisionNote = null;
        return null;
    }

    /// <summary>The application an app, website or mini-program signature is the name of.</summary>
    private static bool Proves(SignatureDraft draft, ApprovedApplication application) =>
        string.Equals(application.Name, draft.Name, StringComparison.Ordinal) && (draft.Source, application.Kind) is
            (SignatureSource.App, LandingAppKind.App) or (SignatureSource.Website, LandingAppKind.Website) or (SignatureSource.Miniprogram, LandingAppKind.Miniprogram);

    private static AuditEntry Entry(string action, Signature s) =>
        new(action, $"signature:{s.Id}", s.TenantId, $"name={s.Name} source={s.Source} version={s.Version} status={s.Status}");

    private static ApiProblem NotFound(Guid id) => ProblemTypes.NotFound.With($"Your tenant has no signature with id {id}.").ToResult();

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
            : NotFound(id);
    }

    /// <summary>The form's shape is a 400; what the rules think of it is findings, judged against the tenant's subject and applications.</summary>
    private static async Task<Outcome<ReviewedSignature>> ReviewAsync(
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
        if (form.ApplicationId is { } appId && !await db.LandingApps.AnyAsync(a => a.Id == appId && a.TenantId == tenantId, cancellationToken))
        {
            return ProblemTypes.ApplicationNotFound.With($"Your tenant has no landing application with id {appId}.");
        }
        // Named, the application is the only proof the rules may accept; unnamed, any approved one of the tenant.
        var applications = await db.LandingApps.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.Status == ReviewStatus.Approved && (form.ApplicationId == null || a.Id == form.ApplicationId))
            .Select(a => new { a.Id, Approved = new ApprovedApplication(a.Kind, a.Name, a.Domain) }).ToListAsync(cancellationToken);
        var draft = new SignatureDraft(form.Name.Trim(), source, purpose, form.TrademarkCertificate is not null, form.TrademarkNumber?.Trim(),
            form.PowerOfAttorney is not null, form.ThirdPartyQualification is not null);
        var review = rules.Review(draft, new SignatureContext(kind, qualification.SubjectName, applications.ConvertAll(a => a.Approved)));
        var proof = form.ApplicationId ?? applications.Find(a => Proves(draft, a.Approved))?.Id;
        return new ReviewedSignature(review, draft, qualification.Id, proof);
    }
}
