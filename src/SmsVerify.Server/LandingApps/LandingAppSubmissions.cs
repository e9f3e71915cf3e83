using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Qualifications.Validation;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.LandingApps;

/// <summary>
/// The one way a landing application is submitted or resubmitted, whichever door it came in by
/// (<c>POST /v1/applications</c> or the tenant console): its shape checked (a 400), its ICP number and filing subject
/// judged against the tenant's qualification, audited.
/// </summary>
public sealed class LandingAppSubmissions(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Outcome<LandingApp>> SubmitAsync(Guid tenantId, SubmitLandingAppRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        // The subject to match: the qualification under review or approved (a rejected one names nobody yet).
        var qualification = await db.Qualifications.AsNoTracking()
            .Where(q => q.TenantId == tenantId && q.Status != ReviewStatus.Rejected)
            .OrderByDescending(q => q.Version).FirstOrDefaultAsync(cancellationToken);
        if (qualification is null)
        {
            return ProblemTypes.QualificationRequired.With("Submit a qualification first: the filing subject is checked against it.");
        }
        LandingApp? replaced = null;
        if (request.Replaces is { } replacesId)
        {
            replaced = await db.LandingApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == replacesId && a.TenantId == tenantId, cancellationToken);
            if (replaced is not { Status: ReviewStatus.Rejected } || await db.LandingApps.AnyAsync(a => a.ReplacesId == replacesId, cancellationToken))
            {
                return ProblemTypes.ApplicationNotResubmittable.With(replaced is null
                    ? $"Your tenant has no application with id {replacesId}."
                    : $"Application {replacesId} is {replaced.Status} or was already resubmitted.");
            }
        }
        List<Finding> findings = [];
        var icp = IcpNumber.Validate(request.IcpNumber);
        if (!icp.IsValid)
        {
            findings.Add(Finding.Reject(icp.Code!, "icpNumber", icp.Message!));
        }
        // Character for character: no trimming inside, no case folding, no full-width/half-width leniency.
        if (!string.Equals(request.FilingSubject!.Trim(), qualification.SubjectName, StringComparison.Ordinal))
        {
            findings.Add(Finding.Reject("filing_subject_mismatch", "filingSubject",
                $"The filing subject must be exactly \"{qualification.SubjectName}\", the subject of your qualification."));
        }
        var app = new LandingApp
        {
            TenantId = tenantId,
            QualificationId = qualification.Id,
            Version = (replaced?.Version ?? 0) + 1,
            ReplacesId = replaced?.Id,
            Kind = Enum.Parse<LandingAppKind>(request.Kind!, ignoreCase: true), // Validate accepted it by name
            Name = request.Name!.Trim(),
            Domain = request.Domain?.Trim().ToLowerInvariant(),
            StoreLink = request.StoreLink?.Trim(),
            AndroidPackage = request.AndroidPackage?.Trim(),
            AppHashes = [.. (request.AppHashes ?? []).Distinct(StringComparer.Ordinal)],
            IcpNumber = request.IcpNumber!.Trim(),
            FilingSubject = request.FilingSubject.Trim(),
            Status = findings.Count > 0 ? ReviewStatus.Rejected : ReviewStatus.PendingReview,
            Findings = findings,
            SubmittedAt = clock.UtcNowForStorage(),
        };
        db.LandingApps.Add(app);
        await audit.SaveChangesAsync(db, new AuditEntry("application.submitted", $"application:{app.Id}", tenantId,
            $"version={app.Version} status={app.Status}{(replaced is null ? "" : $" replaces={replaced.Id}")}"), cancellationToken);
        return app;
    }

    private static ApiError? Validate(SubmitLandingAppRequest request)
    {
        if (!EnumInput.TryParse<LandingAppKind>(request.Kind, out var kind))
        {
            return ProblemTypes.Invalid("kind", "kind must be website, app or miniprogram.");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > LandingAppsApi.MaxNameLength)
        {
            return ProblemTypes.Invalid("name", $"name is required, at most {LandingAppsApi.MaxNameLength} characters.");
        }
        if (NameText.Refusal("name", request.Name) is { } unprintable)
        {
            return unprintable;
        }
        if (kind == LandingAppKind.Website && (string.IsNullOrWhiteSpace(request.Domain) || Uri.CheckHostName(request.Domain.Trim()) != UriHostNameType.Dns))
        {
            return ProblemTypes.Invalid("domain", "A website needs its domain name, such as example.com.");
        }
        if (kind != LandingAppKind.Website && string.IsNullOrWhiteSpace(request.StoreLink) && string.IsNullOrWhiteSpace(request.Domain))
        {
            return ProblemTypes.Invalid("storeLink", "An app or mini-program needs its store link (or the domain it is filed under).");
        }
        if (request.Domain?.Length > LandingAppsApi.MaxAddressLength || request.StoreLink?.Length > LandingAppsApi.MaxAddressLength)
        {
            return ProblemTypes.Invalid(request.Domain?.Length > LandingAppsApi.MaxAddressLength ? "domain" : "storeLink", $"At most {LandingAppsApi.MaxAddressLength} characters.");
        }
        if (LandingAppHashes.Validate(kind, request.AndroidPackage, request.AppHashes) is { } badHashes)
        {
            return badHashes;
        }
        if (string.IsNullOrWhiteSpace(request.IcpNumber) || request.IcpNumber.Length > 40)
        {
            return ProblemTypes.Invalid("icpNumber", "icpNumber is required, such as 京ICP备12345678号.");
        }
        if (string.IsNullOrWhiteSpace(request.FilingSubject) || request.FilingSubject.Length > QualificationForm.MaxNameLength)
        {
            return ProblemTypes.Invalid("filingSubject", $"filingSubject is required, at most {QualificationForm.MaxNameLength} characters.");
        }
        return null;
    }
}
