using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Tests.Templates.Rules;

namespace SmsVerify.Server.Tests.Signatures.Rules;

/// <summary>An approved landing application of the tenant, as a case writes it.</summary>
public sealed record CaseApplication(LandingAppKind Kind, string Name, string? Domain = null);

/// <summary>
/// One signature case of <c>cases/signatures.json</c>: the form's fields (<c>source</c> is the kind of proof, as in
/// <c>POST /v1/signatures</c>; <c>documents</c> the uploads present), the tenant's context, and the policy profile.
/// </summary>
public sealed record SignatureCase(
    string Name,
    TenantKind TenantKind,
    string Signature,
    SignatureSource Source,
    CaseExpectation Expect,
    SignaturePurpose Purpose = SignaturePurpose.General,
    string? Subject = null,
    IReadOnlyList<CaseApplication>? Applications = null,
    string? TrademarkNumber = null,
    IReadOnlyList<string>? Documents = null,
    string Profile = "standard",
    string? Cite = null);

public class SignatureCaseTests
{
    private static readonly IReadOnlyList<SignatureCase> Cases = RuleCases.Load<SignatureCase>(Path.Combine("Signatures", "Rules", "cases", "signatures.json"));
    private static readonly SignatureRules Standard = new(RulesTestPolicy.Default);
    private static readonly SignatureRules Strict = new(RulesTestPolicy.Default with { SignatureSources = SignatureSourcePolicy.Strict });
    private static readonly string[] DocumentNames = ["trademarkCertificate", "powerOfAttorney", "thirdPartyQualification"];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Case_GivesTheExpectedVerdictAndFindings(string name)
    {
        var c = Cases.Single(c => c.Name == name);
        var documents = c.Documents ?? [];
        Assert.Empty(documents.Except(DocumentNames));
        // The API trims the name and the trademark number before review.
        var draft = new SignatureDraft(c.Signature.Trim(), c.Source, c.Purpose, documents.Contains("trademarkCertificate"), c.TrademarkNumber?.Trim(),
            documents.Contains("powerOfAttorney"), documents.Contains("thirdPartyQualification"));
        var subject = c.Subject ?? (c.TenantKind == TenantKind.Enterprise ? "深圳市腾讯计算机系统有限公司" : "张三");
        var applications = (c.Applications ?? []).Select(a => new ApprovedApplication(a.Kind, a.Name, a.Domain)).ToList();
        var rules = c.Profile switch
        {
            "standard" => Standard,
            "strict" => Strict,
            _ => throw new InvalidOperationException($"{c.Name}: unknown profile {c.Profile}"),
        };
        var review = rules.Review(draft, new SignatureContext(c.TenantKind, subject, applications));
        RuleCases.AssertMatches(c.Expect, review.Findings, $"{c.Name}: {c.Signature} ({c.Source})");
    }

    [Fact]
    public void Suite_IsLargeWellFormedAndCoversEveryCode() =>
        RuleCases.AssertSuite(Cases.Select(c => (c.Name, c.Expect)).ToList(), 50, SignatureFindingCodes.All);

    [Fact]
    public void Suite_HasACompliantCaseOfEverySourceAndTenantKind()
    {
        var approved = Cases.Where(c => c.Expect.Verdict == "approved").ToList();
        Assert.All(Enum.GetValues<SignatureSource>(), source => Assert.Contains(approved, c => c.Source == source && c.TenantKind == TenantKind.Enterprise));
        Assert.Contains(approved, c => c.TenantKind == TenantKind.Personal);
    }
}
