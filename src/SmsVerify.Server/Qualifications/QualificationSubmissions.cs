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

/// <summary>
/// The one way a qualification is submitted, whichever door it came in by (<c>POST /v1/qualifications</c> or the
/// tenant console): checked by <see cref="QualificationRules"/>, its documents stored encrypted, the ID number
/// sealed, audited, and a real-person check started when the form carries its media. A new submission is allowed
/// only when there is none yet or the latest was rejected; it becomes the next version.
/// </summary>
public sealed class QualificationSubmissions(
    AppDbContext db, AuditTrail audit, DocumentStore documents, PersonalData personalData, PlatformPolicy policy, RealPersonService realPerson,
    TimeProvider clock)
{
    /// <summary>Identity numbers, bound to their qualification, for a master key rotation.</summary>
    public static readonly SealedColumn SealedIdNumbers = new("identity numbers", keys => keys.PersonalData,
        db => db.Qualifications.OrderBy(q => q.Id).Select(q => new SealedRow(q.Id, q.IdNumberSealed, q.Id)),
        (db, row, resealed, _, _) => db.Qualifications.Where(q => q.Id == row.Id && q.IdNumberSealed == row.Sealed)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.IdNumberSealed, resealed)));

    public async Task<Outcome<Qualification>> SubmitAsync(Guid tenantId, QualificationForm form, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, cancellationToken);
        var checkedForm = QualificationRules.Check(form, tenant.Kind, policy, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (checkedForm.Error is { } invalid)
        {
            return invalid;
        }
        var check = checkedForm.Value!;
        var latest = await LatestAsync(tenantId, cancellationToken);
        if (latest is { Status: not ReviewStatus.Rejected })
        {
            return ProblemTypes.QualificationExists.With($"Qualification version {latest.Version} is {latest.Status}; only a rejected one can be resubmitted.");
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
                    return badFile;
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
        await StartRealPersonCheckAsync(form, qualification, tenant, cancellationToken);
        return qualification;
    }

    /// <summary>The tenant's latest qualification (the highest version), or null before the first.</summary>
    public Task<Qualification?> LatestAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.Qualifications.AsNoTracking().Where(q => q.TenantId == tenantId).OrderByDescending(q => q.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// A submission that already carries the person's selfie (personal) or the legal representative's video (a
    /// high-risk enterprise) starts its real-person check at once, with the default provider.
    /// </summary>
    private async Task StartRealPersonCheckAsync(QualificationForm form, Qualification qualification, Tenant tenant, CancellationToken cancellationToken)
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
}
