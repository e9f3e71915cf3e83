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

/// <summary>A form that passed its shape checks, what the rules found, and what it is tied to.</summary>
internal sealed record ReviewedSignature(SignatureReview Review, SignatureDraft Draft, Guid QualificationId, Guid? ApplicationId);

/// <summary>
/// The one way a signature is submitted, changed, pre-checked and deleted, whichever door the request came in by
/// (<c>/v1/signatures</c>, or a vendor's signature calls under <c>Compat/</c>): judged against the tenant's
/// qualification subject and approved applications, audited, and out of the sendable cache while in review.
/// </summary>
public sealed class SignatureSubmissions(
    AppDbContext db, SignatureRules rules, DocumentStore documents, AuditTrail audit, ClusterCache cache, TimeProvider clock)
{
    public async Task<Outcome<SignaturePrecheckView>> PrecheckAsync(Guid tenantId, SignatureForm form, CancellationToken cancellationToken)
    {
        var reviewed = await ReviewAsync(form, tenantId, cancellationToken);
        return reviewed.Error is { } invalid ? invalid : new SignaturePrecheckView([.. reviewed.Value!.Review.Findings]);
    }

    public async Task<Outcome<Signature>> SubmitAsync(Guid tenantId, SignatureForm form, CancellationToken cancellationToken)
    {
        var reviewed = await ReviewAsync(form, tenantId, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid;
        }
        var signature = new Signature
        {
            TenantId = tenantId,
            Name = reviewed.Value!.Draft.Name,
            Extension = await SourceExtensions.NewAsync(db, cancellationToken),
        };
        if (await ApplyAsync(signature, form, reviewed.Value!, cancellationToken) is { } badFile)
        {
            return badFile;
        }
        db.Signatures.Add(signature);
        await audit.SaveChangesAsync(db, Entry("signature.submitted", signature), cancellationToken);
        return signature;
    }

    /// <summary>A changed signature is judged again from scratch and goes back to review; it sends nothing until approved.</summary>
    public async Task<Outcome<Signature>> ChangeAsync(Guid tenantId, Guid id, SignatureForm form, CancellationToken cancellationToken)
    {
        var signature = await db.Signatures.FirstOrDefaultAsync(s => s.Id == id && s.TenantId == tenantId, cancellationToken);
        if (signature is null)
        {
            return NotFound(id);
        }
        var reviewed = await ReviewAsync(form, tenantId, cancellationToken);
        if (reviewed.Error is { } invalid)
        {
            return invalid;
        }
        if (await ApplyAsync(signature, form, reviewed.Value!, cancellationToken) is { } badFile)
        {
            return badFile;
        }
        signature.Version++;
        await audit.SaveChangesAsync(db, Entry("signature.changed", signature), cancellationToken);
        // Back in review: no longer sendable, on this node at once.
        cache.ForgetTenant(TenantCache.ApprovedContent, tenantId);
        return signature;
    }

    /// <summary>Deletes the signature; false when the tenant has none with this id.</summary>
    public async Task<bool> DeleteAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.Signatures.Where(s => s.Id == id && s.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
            return (count, count == 1 ? new AuditEntry("signature.deleted", $"signature:{id}", tenantId) : null);
        }, cancellationToken);
        cache.ForgetTenant(TenantCache.ApprovedContent, tenantId);
        return deleted == 1;
    }

    public static ApiError NotFound(Guid id) => ProblemTypes.NotFound.With($"Your tenant has no signature with id {id}.");

    /// <summary>Takes the reviewed form: errors reject at once (and keep no documents); anything else waits for an auditor.</summary>
    private async Task<ApiError?> ApplyAsync(Signature signature, SignatureForm form, ReviewedSignature reviewed, CancellationToken cancellationToken)
    {
        List<DocumentRef> stored = [];
        if (!reviewed.Review.Rejected)
        {
            foreach (var (field, file) in form.Files())
            {
                await using var content = file.OpenReadStream();
                var saved = await documents.SaveAsync(signature.TenantId, field, content, cancellationToken);
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
        signature.SubmittedAt = clock.UtcNowForStorage();
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

    /// <summary>The form's shape is a 400; what the rules think of it is findings, judged against the tenant's subject and applications.</summary>
    private async Task<Outcome<ReviewedSignature>> ReviewAsync(SignatureForm form, Guid tenantId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Length > SignatureForm.MaxNameLength)
        {
            return ProblemTypes.Invalid("name", $"name is required, at most {SignatureForm.MaxNameLength} characters.");
        }
        if (NameText.Refusal("name", form.Name) is { } unprintable)
        {
            return unprintable;
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
