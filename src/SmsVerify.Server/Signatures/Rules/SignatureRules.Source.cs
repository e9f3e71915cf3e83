using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;
using static SmsVerify.Server.Signatures.Rules.SignatureFindingCodes;

namespace SmsVerify.Server.Signatures.Rules;

// The proof of a signature: what ties the name to the tenant.
public sealed partial class SignatureRules
{
    private const string SourceField = "source";

    private void CheckSource(SignatureDraft draft, string name, SignatureContext context, List<Finding> findings)
    {
        var sources = Policy.SignatureSources;
        if (!sources.Accepts(draft.Source))
        {
            findings.Add(Finding.Reject(SourceNotAccepted, SourceField,
                $"The signature profile \"{sources.Profile}\" does not accept {SignatureSourcePolicy.Name(draft.Source)} as proof; it accepts {string.Join(", ", sources.Accepted)}."));
        }
        if (context.TenantKind == TenantKind.Personal && draft.Source != SignatureSource.Website)
        {
            findings.Add(Finding.Reject(PersonalSourceNotAllowed, SourceField,
                $"A personal tenant may only sign with the name of its own ICP-filed website, never as a {SignatureSourcePolicy.Name(draft.Source)}; that needs an enterprise qualification."));
            return;
        }
        switch (draft.Source)
        {
            case SignatureSource.Company when !IsDrawnFrom(name, context.QualificationSubject):
                findings.Add(Finding.Reject(CompanyNameMismatch, NameField,
                    $"\"{name}\" is neither the company name \"{context.QualificationSubject}\" nor an abbreviation of it (its characters in the same order, such as the brand part)."));
                break;
            case SignatureSource.App or SignatureSource.Website or SignatureSource.Miniprogram:
                var kind = draft.Source switch
                {
                    SignatureSource.App => LandingAppKind.App,
                    SignatureSource.Website => LandingAppKind.Website,
                    _ => LandingAppKind.Miniprogram,
                };
                if (!context.Applications.Any(a => a.Kind == kind && string.Equals(a.Name, name, StringComparison.Ordinal)))
                {
                    findings.Add(Finding.Reject(ApplicationNotFound, NameField,
                        $"\"{name}\" is not the name of an approved {SignatureSourcePolicy.Name(draft.Source)} of this tenant; the name must match the approved application character for character."));
                }
                break;
            case SignatureSource.Trademark:
                if (draft.TrademarkNumber is not { Length: >= 6 and <= 10 } number || !number.All(char.IsAsciiDigit))
                {
                    findings.Add(Finding.Reject(TrademarkNumberInvalid, "trademarkNumber", "Give the trademark's registration number: 6–10 digits, as on the certificate."));
                }
                if (!draft.HasTrademarkCertificate)
                {
                    findings.Add(Finding.Reject(TrademarkCertificateMissing, "trademarkCertificate",
                        "Upload the Trademark Registration Certificate issued by the National Intellectual Property Administration."));
                }
                break;
            case SignatureSource.Authorization:
                if (!draft.HasPowerOfAttorney)
                {
                    findings.Add(Finding.Reject(PowerOfAttorneyMissing, "powerOfAttorney",
                        "Signing for a third party needs its power of attorney for SMS service, stamped by the third party."));
                }
                if (!draft.HasThirdPartyQualification)
                {
                    findings.Add(Finding.Reject(ThirdPartyQualificationMissing, "thirdPartyQualification",
                        "Signing for a third party needs the third party's own qualification (its business licence)."));
                }
                break;
        }
    }

    /// <summary>
    /// Whether the signature is the company's name or an abbreviation of it: every character of the signature
    /// appears in the company name, in the same order (深圳市腾讯计算机系统有限公司 → 腾讯, 腾讯计算机).
    /// </summary>
    public static bool IsDrawnFrom(string signature, string companyName)
    {
        if (signature.Length < MinLength || string.IsNullOrEmpty(companyName))
        {
            return false;
        }
        var at = 0;
        foreach (var c in signature)
        {
            at = companyName.IndexOf(c, at);
            if (at < 0)
            {
                return false;
            }
            at++;
        }
        return true;
    }
}
