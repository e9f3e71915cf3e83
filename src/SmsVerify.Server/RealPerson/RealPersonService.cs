using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.RealPerson;

public sealed record RealPersonCheckView(
    Guid Id, Guid QualificationId, RealPersonRole Role, string Provider, ReviewStatus Status, string DeclaredName, string? VerifiedName,
    string MediaField, DateTime SubmittedAt, DateTime? DecidedAt, string? DecisionNote)
{
    public static RealPersonCheckView From(RealPersonCheck c) => new(c.Id, c.QualificationId, c.Role, c.Provider, c.Status, c.DeclaredName,
        c.VerifiedName, c.Media.Field, c.SubmittedAt, c.DecidedAt, c.DecisionNote);
}

/// <summary>
/// Runs a real-person check through a provider and records its result. A pass under another name than the one
/// declared fails the check and rejects the qualification: the ID and the person must agree.
/// </summary>
public sealed class RealPersonService(
    AppDbContext db, IEnumerable<IRealPersonProvider> providers, IOptions<RealPersonOptions> options, ReviewDecisions decisions,
    AuditTrail audit, PersonalData personalData, DocumentStore documents, TimeProvider clock)
{
    /// <summary>
    /// The real-person step of a pending qualification, as <c>POST /v1/qualifications/{id}/real-person</c> and the
    /// tenant console take it: the holder's selfie (personal) or the legal representative's video (enterprise),
    /// stored encrypted, then judged by the provider the form names (or the default).
    /// </summary>
    public async Task<Outcome<RealPersonCheck>> SubmitAsync(Guid tenantId, Guid qualificationId, RealPersonForm form, CancellationToken cancellationToken)
    {
        var qualification = await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == qualificationId && q.TenantId == tenantId, cancellationToken);
        if (qualification is null)
        {
            return ProblemTypes.QualificationNotFound.With($"Your tenant has no qualification with id {qualificationId}.");
        }
        if (qualification.Status != ReviewStatus.PendingReview)
        {
            return ProblemTypes.QualificationNotPending.With($"Qualification {qualificationId} is {qualification.Status}.");
        }
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, cancellationToken);
        var provider = Provider(form.Provider, tenant);
        if (provider.Error is { } unavailable)
        {
            return unavailable;
        }
        var (field, file) = qualification.Kind == TenantKind.Personal ? ("selfie", form.Selfie) : ("legalRepVideo", form.LegalRepVideo);
        if (file is null)
        {
            return ProblemTypes.Invalid(field, qualification.Kind == TenantKind.Personal
                ? "Send a selfie (a photo or a short video) of the holder as 'selfie'."
                : "Send a video of the legal representative holding the business licence as 'legalRepVideo'.");
        }
        var media = await StoreAsync(tenantId, field, file, videoOnly: field == "legalRepVideo", cancellationToken);
        if (media.Error is { } badFile)
        {
            return badFile;
        }
        var (reference, content) = media.Value;
        return await StartAsync(provider.Value!, qualification, reference, content, Options(form), cancellationToken);
    }

    public const string SystemActor = "system:real_person";

    /// <summary>Finds the provider a request names (or the default), if this tenant may use it.</summary>
    public Outcome<IRealPersonProvider> Provider(string? name, Tenant tenant)
    {
        name ??= options.Value.DefaultProvider;
        var provider = providers.FirstOrDefault(p => p.Name == name);
        return provider is not null && provider.IsAvailableTo(tenant)
            ? Outcome<IRealPersonProvider>.Of(provider)
            : ProblemTypes.RealPersonProviderUnavailable.With($"The real-person provider '{Echo.Truncate(name)}' is not available to this tenant.");
    }

    /// <summary>Stores a new check for <paramref name="qualification"/>'s person and asks the provider at once.</summary>
    public async Task<RealPersonCheck> StartAsync(
        IRealPersonProvider provider, Qualification qualification, DocumentRef media, ReadOnlyMemory<byte> content,
        IReadOnlyDictionary<string, string> providerOptions, CancellationToken cancellationToken)
    {
        var check = new RealPersonCheck
        {
            TenantId = qualification.TenantId,
            QualificationId = qualification.Id,
            Role = qualification.Kind == TenantKind.Personal ? RealPersonRole.Holder : RealPersonRole.LegalRepresentative,
            Provider = provider.Name,
            DeclaredName = qualification.PersonName,
            Media = media,
            Status = ReviewStatus.PendingReview,
            SubmittedAt = clock.UtcNowForStorage(),
        };
        db.RealPersonChecks.Add(check);
        await audit.SaveChangesAsync(db, new AuditEntry("real_person.submitted", $"real_person:{check.Id}", check.TenantId,
            $"qualification={qualification.Id} provider={provider.Name} media={media.Sha256[..16]}"), cancellationToken);
        var idNumber = personalData.Unseal(qualification.Id, qualification.IdNumberSealed);
        var result = await provider.VerifyAsync(new RealPersonRequest(check.Id, check.TenantId, check.Role, check.DeclaredName, idNumber, content,
            media.Type.ContentType(), providerOptions), cancellationToken);
        if (result.Verdict != RealPersonVerdict.Pending)
        {
            await RecordAsync(check, result, $"{SystemActor}:{provider.Name}", cancellationToken);
        }
        return await db.RealPersonChecks.AsNoTracking().FirstAsync(c => c.Id == check.Id, cancellationToken);
    }

    /// <summary>Records a provider's or an auditor's result; false if the check was already decided.</summary>
    public async Task<bool> RecordAsync(RealPersonCheck check, RealPersonResult result, string? actor, CancellationToken cancellationToken)
    {
        var mismatch = result.Verdict == RealPersonVerdict.Passed && !string.Equals(result.VerifiedName, check.DeclaredName, StringComparison.Ordinal);
        var passed = result.Verdict == RealPersonVerdict.Passed && !mismatch;
        var note = mismatch
            ? $"The person was verified as \"{result.VerifiedName}\", not \"{check.DeclaredName}\" as declared."
            : result.Reason;
        var won = await decisions.DecideAsync(db, check, RealPersonReview.KindName, passed ? ReviewStatus.Approved : ReviewStatus.Rejected, note,
            cancellationToken,
            () => db.RealPersonChecks.Where(c => c.Id == check.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.VerifiedName, result.VerifiedName), cancellationToken),
            actor);
        if (won && mismatch)
        {
            await RejectQualificationAsync(check, note!, cancellationToken);
        }
        return won;
    }

    /// <summary>
    /// A separate step after the check's own decision: if it never runs (a crash in between), the qualification
    /// stays pending without a passed check, which cannot be approved, so nothing unsafe is left behind.
    /// </summary>
    private async Task RejectQualificationAsync(RealPersonCheck check, string message, CancellationToken cancellationToken)
    {
        var qualification = await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == check.QualificationId, cancellationToken);
        if (qualification is not { Status: ReviewStatus.PendingReview })
        {
            return;
        }
        var field = check.Role == RealPersonRole.Holder ? "realName" : "legalRepName";
        List<Finding> findings = [.. qualification.Findings, Finding.Reject("real_person_name_mismatch", field, message)];
        await decisions.DecideAsync(db, qualification, QualificationReview.KindName, ReviewStatus.Rejected, message, cancellationToken,
            () => db.Qualifications.Where(q => q.Id == qualification.Id).ExecuteUpdateAsync(set => set.SetProperty(q => q.Findings, findings), cancellationToken),
            SystemActor);
    }

    /// <summary>Stores the media encrypted like every document; the provider gets the plain bytes once, now.</summary>
    private async Task<Outcome<(DocumentRef Reference, byte[] Content)>> StoreAsync(
        Guid tenantId, string field, IFormFile file, bool videoOnly, CancellationToken cancellationToken)
    {
        var content = await Uploads.ReadAllAsync(file, cancellationToken);
        var type = DocumentTypes.Sniff(content);
        if (type == DocumentType.Pdf || (videoOnly && type is not (null or DocumentType.Mp4)))
        {
            return ProblemTypes.Invalid(field, videoOnly ? $"{field} must be an MP4 video." : $"{field} must be a JPEG or PNG photo, or an MP4 video.");
        }
        var saved = await documents.SaveAsync(tenantId, field, new MemoryStream(content), cancellationToken);
        if (saved.Error is { } error)
        {
            return error;
        }
        return (new DocumentRef(field, saved.Value!.Id, saved.Value.Type, saved.Value.Size, saved.Value.Sha256), content);
    }

    private static Dictionary<string, string> Options(RealPersonForm form)
    {
        Dictionary<string, string> options = [];
        if (form.SandboxOutcome is { Length: > 0 and <= 16 } outcome)
        {
            options[SandboxRealPersonProvider.OutcomeOption] = outcome;
        }
        if (form.SandboxVerifiedName is { Length: > 0 and <= QualificationForm.MaxNameLength } name)
        {
            options[SandboxRealPersonProvider.VerifiedNameOption] = name.Trim();
        }
        return options;
    }
}
