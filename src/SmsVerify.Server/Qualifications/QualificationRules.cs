using System.Globalization;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Qualifications.Validation;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Qualifications;

/// <summary>The checked content of a submission: who it names, and what the rules found.</summary>
public sealed record QualificationCheck(
    TenantKind Kind, string SubjectName, string PersonName, string IdNumber, string? CreditCode, LicenceStatus? LicenceStatus,
    DateOnly? EstablishedOn, string? Industry, List<Finding> Findings, RiskLevel Risk);

/// <summary>
/// What an auditor checks first, done by the machine: missing or malformed input is a 400 (nothing is stored);
/// content that breaks a rule is a finding. An error rejects the submission; a warning goes to a human.
/// </summary>
public static class QualificationRules
{
    public static Outcome<QualificationCheck> Check(QualificationForm form, TenantKind tenantKind, PlatformPolicy policy, DateOnly today)
    {
        if (!EnumInput.TryParse<TenantKind>(form.Kind, out var kind))
        {
            return ProblemTypes.Invalid("kind", "kind must be \"personal\" or \"enterprise\".");
        }
        if (kind != tenantKind)
        {
            return ProblemTypes.Invalid("kind", $"This tenant was created as {Lower(tenantKind)}; its qualification must be {Lower(tenantKind)} too.");
        }
        return kind == TenantKind.Personal ? CheckPersonal(form, today) : CheckEnterprise(form, policy, today);
    }

    private static Outcome<QualificationCheck> CheckPersonal(QualificationForm form, DateOnly today)
    {
        if (Required(("realName", form.RealName), ("idNumber", form.IdNumber)) is { } missing)
        {
            return missing;
        }
        if (form.IdCardFront is null || form.IdCardBack is null)
        {
            return ProblemTypes.Invalid(form.IdCardFront is null ? "idCardFront" : "idCardBack", "Both sides of the ID card (idCardFront, idCardBack) are required.");
        }
        List<Finding> findings = [];
        var idNumber = ResidentIdNumber.Normalise(form.IdNumber!);
        AddIfInvalid(findings, "idNumber", ResidentIdNumber.Validate(idNumber, today));
        if (form.Selfie is null)
        {
            findings.Add(Finding.Flag("real_person_verification_required", "selfie",
                "A personal qualification is approved only after the holder passes a real-person verification: send a selfie with it, or later to /v1/qualifications/{id}/real-person."));
        }
        var name = form.RealName!.Trim();
        return new QualificationCheck(TenantKind.Personal, name, name, idNumber, null, null, null, null, findings, RiskLevel.Normal);
    }

    private static Outcome<QualificationCheck> CheckEnterprise(QualificationForm form, PlatformPolicy policy, DateOnly today)
    {
        if (Required(("companyName", form.CompanyName), ("creditCode", form.CreditCode), ("licenceStatus", form.LicenceStatus),
                ("establishedOn", form.EstablishedOn), ("legalRepName", form.LegalRepName), ("legalRepIdNumber", form.LegalRepIdNumber),
                ("industry", form.Industry)) is { } missing)
        {
            return missing;
        }
        if (form.Licence is null)
        {
            return ProblemTypes.Invalid("licence", "The business licence image (licence) is required.");
        }
        if (!EnumInput.TryParse<LicenceStatus>(form.LicenceStatus, out var licence))
        {
            return ProblemTypes.Invalid("licenceStatus", "licenceStatus must be normal, abnormal, cancelled or revoked.");
        }
        if (!DateOnly.TryParseExact(form.EstablishedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var established) || established > today)
        {
            return ProblemTypes.Invalid("establishedOn", "establishedOn must be a past date written yyyy-MM-dd.");
        }
        List<Finding> findings = [];
        var creditCode = UnifiedSocialCreditCode.Normalise(form.CreditCode!);
        AddIfInvalid(findings, "creditCode", UnifiedSocialCreditCode.Validate(creditCode));
        var legalRepId = ResidentIdNumber.Normalise(form.LegalRepIdNumber!);
        AddIfInvalid(findings, "legalRepIdNumber", ResidentIdNumber.Validate(legalRepId, today));
        var risk = RiskLevel.Normal;
        if (licence is LicenceStatus.Cancelled or LicenceStatus.Revoked)
        {
            findings.Add(Finding.Reject("licence_cancelled", "licenceStatus", $"The business licence is {Lower(licence)}: the company may not send messages."));
        }
        if (licence == LicenceStatus.Abnormal)
        {
            findings.Add(Finding.Flag("licence_abnormal", "licenceStatus", "The company is on the abnormal-operation list, which makes it high risk."));
            risk = RiskLevel.High;
        }
        if (established > today.AddMonths(-1))
        {
            findings.Add(Finding.Flag("company_too_new", "establishedOn", "The company was established less than a month ago, which makes it high risk."));
            risk = RiskLevel.High;
        }
        if (BannedIndustry(policy, form.Industry!) is { } banned)
        {
            findings.Add(Finding.Reject("industry_banned", "industry", $"The declared industry falls under \"{banned.En}\" ({banned.Zh}), which may not send SMS through this platform."));
        }
        if (risk == RiskLevel.High)
        {
            findings.Add(Finding.Flag("legal_rep_verification_required", "legalRepVideo",
                "A high-risk company is approved only after its legal representative passes a real-person verification (a video holding the licence)."));
        }
        return new QualificationCheck(TenantKind.Enterprise, form.CompanyName!.Trim(), form.LegalRepName!.Trim(), legalRepId, creditCode, licence,
            established, form.Industry!.Trim(), findings, risk);
    }

    /// <summary>The banned industry the declaration names: its code, or any of its terms within the text.</summary>
    public static BannedIndustry? BannedIndustry(PlatformPolicy policy, string declared) =>
        policy.BannedIndustries.FirstOrDefault(i => string.Equals(i.Code, declared.Trim(), StringComparison.OrdinalIgnoreCase)
            || i.Terms.Any(term => declared.Contains(term, StringComparison.OrdinalIgnoreCase)));

    private static ApiError? Required(params (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > QualificationForm.MaxNameLength)
            {
                return ProblemTypes.Invalid(field, $"{field} is required, at most {QualificationForm.MaxNameLength} characters.");
            }
        }
        return null;
    }

    private static void AddIfInvalid(List<Finding> findings, string field, ValidationResult result)
    {
        if (!result.IsValid)
        {
            findings.Add(Finding.Reject(result.Code!, field, result.Message!));
        }
    }

    private static string Lower<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
