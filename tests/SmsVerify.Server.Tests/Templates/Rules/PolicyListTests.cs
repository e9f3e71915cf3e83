using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;
using static SmsVerify.Server.Tests.Templates.Rules.RulesTestPolicy;

namespace SmsVerify.Server.Tests.Templates.Rules;

// One test per list of the default policy, iterating the list itself, so the lists and the rules cannot drift.
public class PolicyListTests
{
    private static readonly SmsVerify.Server.Policy.ContentPolicy Content = Default.Content;

    [Fact]
    public void EveryMarketingWord_IsRejectedInVerificationAndNotification()
    {
        foreach (var word in Content.MarketingWords)
        {
            AssertEach(TemplateType.Notification, $"您好，{word}。", "marketing_wording", word);
            AssertEach(TemplateType.Verification, $"您正在登录，验证码为${{code}}，{word}", "marketing_wording", word);
        }
    }

    [Fact]
    public void EveryAdvertisingLawTerm_IsAWarningInMarketing()
    {
        foreach (var term in Content.AdvertisingLawTerms)
        {
            var content = $"本店{term}好物，拒收请回复R";
            AssertEach(TemplateType.Marketing, content, "advertising_law_term", term, Finding.Warning);
            Assert.DoesNotContain(ReviewAs(TemplateType.Marketing, content).Findings, f => f.Severity == Finding.Error);
        }
    }

    [Fact]
    public void EveryPersonalForbiddenWord_IsRejectedForPersonalTenants()
    {
        foreach (var word in Content.PersonalForbiddenWords)
        {
            AssertEach(TemplateType.Notification, $"您好，{word}。", "personal_forbidden_word", word, tenant: TenantKind.Personal);
            Assert.Empty(ReviewAs(TemplateType.Notification, $"您好，{word}。").WithCode("personal_forbidden_word"));
        }
    }

    [Fact]
    public void EveryOptOutPhrase_IsRejectedOutsideMarketing()
    {
        foreach (var phrase in Content.OptOutPhrases)
        {
            AssertEach(TemplateType.Notification, $"您的订单已发货，{phrase}", "opt_out_not_allowed", phrase);
        }
    }

    [Fact]
    public void EverySpecialSymbol_IsRejected()
    {
        foreach (var symbol in Content.SpecialSymbols)
        {
            AssertEach(TemplateType.Notification, $"您的订单已发货{symbol}", "special_symbol", symbol);
        }
    }

    [Fact]
    public void EveryTraditionalCharacter_IsRejected()
    {
        foreach (var character in Content.TraditionalCharacters)
        {
            AssertEach(TemplateType.Notification, $"您的订单{character}已发货", "traditional_chinese", character);
        }
    }

    [Fact]
    public void EveryBannedIndustryTerm_IsVetoedOnEveryType()
    {
        foreach (var industry in Default.BannedIndustries)
        {
            foreach (var term in industry.Terms)
            {
                foreach (var type in Enum.GetValues<TemplateType>())
                {
                    var finding = AssertEach(type, $"关于{term}的消息", "banned_industry", term);
                    Assert.Contains(industry.En, finding.Message);
                }
            }
        }
    }

    [Fact]
    public void EveryVerificationKeyword_SatisfiesTheKeywordRule()
    {
        foreach (var keyword in Content.VerificationKeywordsZh)
        {
            AssertClean($"您正在登录，{keyword}为${{code}}，5分钟内有效。");
        }
        foreach (var keyword in Content.VerificationKeywordsEn)
        {
            AssertClean($"Your {keyword} to sign in is ${{code}}. It expires in 5 minutes.");
        }
    }

    [Fact]
    public void EveryPurposeAndExpiryWord_SatisfiesTheContextRule()
    {
        foreach (var word in Content.PurposeWords.Concat(Content.ExpiryWords))
        {
            AssertClean($"验证码${{code}}，用于 {word}");
        }
    }

    private static void AssertClean(string content)
    {
        var review = ReviewAs(TemplateType.Verification, content);
        Assert.True(review.Clean, $"{content}: {string.Join("; ", review.Findings.Select(f => $"{f.Code}: {f.Message}"))}");
    }

    private static Finding AssertEach(TemplateType type, string content, string code, string term, string severity = Finding.Error,
        TenantKind tenant = TenantKind.Enterprise)
    {
        var review = ReviewAs(type, content, tenant);
        var finding = review.WithCode(code).FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"\"{term}\" did not fire {code} in {content}");
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(term, finding.SpanText(content));
        Assert.Contains(term, finding.Message);
        return finding;
    }
}
