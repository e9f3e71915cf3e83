using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Signatures.Rules;

/// <summary>What proves the sender may use the name: its company, a trademark, its own app, website or
/// mini-program, or a third party's authorisation.</summary>
public enum SignatureSource { Company, Trademark, App, Website, Miniprogram, Authorization }

/// <summary>Alibaba's SignType: 0 = verification codes only, 1 = general (verification and notification).</summary>
public enum SignaturePurpose { Verification, General }

/// <summary>A signature as submitted: the name shown in 【】 and the proof offered for it.</summary>
public sealed record SignatureDraft(
    string Name,
    SignatureSource Source,
    SignaturePurpose Purpose,
    bool HasTrademarkCertificate = false,
    string? TrademarkNumber = null,
    bool HasPowerOfAttorney = false,
    bool HasThirdPartyQualification = false);

/// <summary>An approved landing application of the tenant, as signature review needs it.</summary>
public sealed record ApprovedApplication(LandingAppKind Kind, string Name, string? Domain = null);

/// <summary>What is already known about the tenant: its kind, its approved subject, its approved applications.</summary>
public sealed record SignatureContext(
    TenantKind TenantKind,
    string QualificationSubject,
    IReadOnlyCollection<ApprovedApplication> Applications);
