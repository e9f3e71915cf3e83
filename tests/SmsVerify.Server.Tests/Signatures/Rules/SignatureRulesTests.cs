using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Review;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Tests.Templates.Rules;

namespace SmsVerify.Server.Tests.Signatures.Rules;

public class SignatureRulesTests
{
    private const string Company = "深圳市腾讯计算机系统有限公司";
    private static readonly SignatureRules Rules = new(RulesTestPolicy.Default);
    private static readonly ApprovedApplication[] Apps =
    [
        new(LandingAppKind.App, "微信", null), new(LandingAppKind.Website, "极客邦", "geekbang.org"), new(LandingAppKind.Miniprogram, "腾讯小程序", null),
    ];

    private static SignatureReview Review(string name, SignatureSource source, TenantKind tenant = TenantKind.Enterprise, SignatureRules? rules = null,
        bool certificate = false, string? trademark = null, bool attorney = false, bool thirdParty = false) =>
        (rules ?? Rules).Review(new SignatureDraft(name, source, SignaturePurpose.General, certificate, trademark, attorney, thirdParty),
            new SignatureContext(tenant, tenant == TenantKind.Enterprise ? Company : "张三", Apps));

    [Theory]
    [InlineData("腾讯", SignatureSource.Company)]
    [InlineData("腾讯计算机", SignatureSource.Company)]
    [InlineData("腾讯计算机系统", SignatureSource.Company)]
    [InlineData("微信", SignatureSource.App)]
    [InlineData("极客邦", SignatureSource.Website)]
    [InlineData("腾讯小程序", SignatureSource.Miniprogram)]
    public void EnterpriseWithProof_IsClean(string name, SignatureSource source) => AssertClean(Review(name, source));

    [Fact]
    public void Trademark_WithNumberAndCertificate_IsClean() => AssertClean(Review("QQ音乐", SignatureSource.Trademark, certificate: true, trademark: "12345678"));

    [Fact]
    public void Authorization_WithBothDocuments_IsClean() => AssertClean(Review("美团", SignatureSource.Authorization, attorney: true, thirdParty: true));

    [Fact]
    public void Personal_OwnWebsite_IsClean() => AssertClean(Review("极客邦", SignatureSource.Website, TenantKind.Personal));

    [Theory]
    [InlineData("腾", SignatureSource.Company, "signature_length", null)]
    [InlineData("腾讯计算机系统有限公司深圳分", SignatureSource.Company, "signature_length", null)]
    [InlineData("【腾讯】", SignatureSource.Company, "signature_brackets", "【")]
    [InlineData("腾讯(深圳)", SignatureSource.Company, "signature_brackets", "(")]
    [InlineData("腾讯［科技］", SignatureSource.Company, "signature_brackets", "［")]
    [InlineData("腾讯 计算机", SignatureSource.Company, "signature_characters", " ")]
    [InlineData("腾讯-计算机", SignatureSource.Company, "signature_characters", "-")]
    [InlineData("腾讯测试", SignatureSource.Company, "signature_test_word", "测试")]
    [InlineData("微信TEST", SignatureSource.App, "signature_test_word", "TEST")]
    // A name admits only Chinese characters, ASCII letters and digits, so the tricks the content rules read
    // through (full-width, look-alike letters, zero-width marks, separators) are refused outright here.
    [InlineData("微信ＴＥＳＴ", SignatureSource.App, "signature_characters", "Ｔ")]
    [InlineData("微信Tеst", SignatureSource.App, "signature_characters", "е")]
    [InlineData("腾讯\u200B测试", SignatureSource.Company, "signature_characters", "\u200B")]
    [InlineData("腾讯测·试", SignatureSource.Company, "signature_characters", "·")]
    [InlineData("客服通知", SignatureSource.Company, "signature_neutral", null)]
    [InlineData("验证码", SignatureSource.Company, "signature_neutral", null)]
    [InlineData("騰訊", SignatureSource.Company, "signature_traditional", null)]
    [InlineData("腾讯科技", SignatureSource.Company, "company_name_mismatch", null)]
    [InlineData("讯腾", SignatureSource.Company, "company_name_mismatch", null)]
    [InlineData("微信读书", SignatureSource.App, "application_not_found", null)]
    [InlineData("极客邦", SignatureSource.App, "application_not_found", null)]
    [InlineData("微信", SignatureSource.Website, "application_not_found", null)]
    [InlineData("QQ音乐", SignatureSource.Trademark, "trademark_number_invalid", null)]
    [InlineData("QQ音乐", SignatureSource.Trademark, "trademark_certificate_missing", null)]
    [InlineData("美团", SignatureSource.Authorization, "power_of_attorney_missing", null)]
    [InlineData("美团", SignatureSource.Authorization, "third_party_qualification_missing", null)]
    public void BadSignature_IsRejected(string name, SignatureSource source, string code, string? spanText)
    {
        var finding = Assert.Single(Review(name, source).Findings, f => f.Code == code);
        Assert.Equal(Finding.Error, finding.Severity);
        if (spanText is not null)
        {
            Assert.Equal(spanText, name.Substring(finding.Span!.Value.Start, finding.Span.Value.Length));
        }
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345678901")]
    [InlineData("R1234567")]
    public void TrademarkNumber_Malformed_IsRejected(string number) =>
        Assert.Contains(Review("QQ音乐", SignatureSource.Trademark, certificate: true, trademark: number).Findings, f => f.Code == "trademark_number_invalid");

    [Fact]
    public void EnglishOnly_IsAWarning()
    {
        var review = Review("WeChat", SignatureSource.App);
        Assert.Contains(review.Findings, f => f is { Code: "signature_english_only", Severity: Finding.Warning });
        Assert.DoesNotContain(Review("QQ音乐", SignatureSource.Trademark, certificate: true, trademark: "12345678").Findings,
            f => f.Code == "signature_english_only");
    }

    [Theory]
    [InlineData(SignatureSource.Company)]
    [InlineData(SignatureSource.Trademark)]
    [InlineData(SignatureSource.App)]
    [InlineData(SignatureSource.Miniprogram)]
    [InlineData(SignatureSource.Authorization)]
    public void Personal_AnythingButItsWebsite_IsRejected(SignatureSource source)
    {
        var review = Review("微信", source, TenantKind.Personal, certificate: true, trademark: "12345678", attorney: true, thirdParty: true);
        Assert.Contains(review.Findings, f => f.Code == "personal_source_not_allowed");
    }

    [Fact]
    public void Personal_WebsiteItDoesNotOwn_IsRejected() =>
        Assert.Contains(Review("百度", SignatureSource.Website, TenantKind.Personal).Findings, f => f.Code == "application_not_found");

    [Theory]
    [InlineData(SignatureSource.Website, false)]
    [InlineData(SignatureSource.Miniprogram, false)]
    [InlineData(SignatureSource.Authorization, false)]
    [InlineData(SignatureSource.Company, true)]
    [InlineData(SignatureSource.App, true)]
    [InlineData(SignatureSource.Trademark, true)]
    public void StrictProfile_AcceptsCompanyAppAndTrademarkOnly(SignatureSource source, bool accepted)
    {
        var strict = new SignatureRules(RulesTestPolicy.Default with { SignatureSources = SignatureSourcePolicy.Strict });
        var review = Review(source == SignatureSource.Company ? "腾讯" : "微信", source, rules: strict, certificate: true, trademark: "12345678", attorney: true, thirdParty: true);
        var finding = review.Findings.FirstOrDefault(f => f.Code == "signature_source_not_accepted");
        Assert.Equal(accepted, finding is null);
        if (finding is not null)
        {
            Assert.Contains("\"strict\"", finding.Message);
        }
    }

    [Fact]
    public void StrictProfile_LeavesAPersonalTenantNoSource()
    {
        var strict = new SignatureRules(RulesTestPolicy.Default with { SignatureSources = SignatureSourcePolicy.Strict });
        Assert.True(Review("极客邦", SignatureSource.Website, TenantKind.Personal, strict).Rejected);
    }

    [Fact]
    public void DefaultProfile_IsStandard() => Assert.Equal(SignatureSourcePolicy.Standard, RulesTestPolicy.Default.SignatureSources, SourcesComparer.Instance);

    [Fact]
    public void EveryNeutralNameAndTestWord_IsRejected()
    {
        foreach (var neutral in RulesTestPolicy.Default.Signatures.NeutralNames)
        {
            Assert.Contains(Review(neutral, SignatureSource.Company).Findings, f => f.Code == "signature_neutral");
        }
        foreach (var word in RulesTestPolicy.Default.Signatures.TestWords)
        {
            Assert.Contains(Review("腾讯" + word, SignatureSource.Company).Findings, f => f.Code == "signature_test_word");
        }
    }

    [Fact]
    public void EveryTraditionalCharacter_IsRejected()
    {
        foreach (var character in RulesTestPolicy.Default.Content.TraditionalCharacters)
        {
            Assert.Contains(Review("腾讯" + character, SignatureSource.Company).Findings, f => f.Code == "signature_traditional");
        }
    }

    private static void AssertClean(SignatureReview review) =>
        Assert.True(review.Clean, string.Join("; ", review.Findings.Select(f => $"{f.Code}: {f.Message}")));

    private sealed class SourcesComparer : IEqualityComparer<SignatureSourcePolicy>
    {
        public static readonly SourcesComparer Instance = new();

        public bool Equals(SignatureSourcePolicy? x, SignatureSourcePolicy? y) => x!.Profile == y!.Profile && x.Accepted.SequenceEqual(y.Accepted);

        public int GetHashCode(SignatureSourcePolicy obj) => obj.Profile.GetHashCode(StringComparison.Ordinal);
    }
}
