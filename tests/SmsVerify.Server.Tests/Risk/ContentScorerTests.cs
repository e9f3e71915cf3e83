using Microsoft.Extensions.Options;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Content;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>
/// The shipped model and the default policy. Every text here was written for these tests and is in none of the
/// training data (the tool's own messages come from other templates).
/// </summary>
public sealed class ContentScorerTests
{
    private static readonly ContentScorer Scorer = new(ContentModel.BuiltIn,
        PlatformPolicy.Load(Path.Combine(AppContext.BaseDirectory, PlatformPolicy.DefaultFileName)), Options.Create(new ContentRiskOptions()));

    [Theory]
    [InlineData("您好，您在本店办理会员卡的验证码是483920，请在三分钟内输入，不要透露给任何人。")]
    [InlineData("您正在登录网上营业厅，短信验证码为5521，10分钟内有效。")]
    [InlineData("验证码：90817。您正在申请电子社保卡，请勿告诉他人。")]
    [InlineData("您的包裹已放入快递柜，凭取件码38271取件，超过48小时将收取保管费。")]
    [InlineData("您于11月3日预约的牙科复诊时间为下午3点，请按时到诊。")]
    [InlineData("您的燃气费已缴费成功，本次缴费128.50元，感谢使用。")]
    [InlineData("您的订单已发货，预计明天下午送达，请保持手机畅通。")]
    [InlineData("Your verification code for Bluebird is 772104. It is valid for 10 minutes.")]
    [InlineData("Your appointment at the dental clinic is confirmed for Tuesday at 9:30 am.")]
    [InlineData("Your parcel has been delivered. Thanks for shopping with us.")]
    public void Score_OwnVerificationAndNotificationTexts_AreLegitimate(string text) =>
        Assert.Equal(ContentLabel.Legitimate, Scorer.Score(text).Label);

    [Theory]
    [InlineData("三八女神节大促！全场服装五折起，满299再减50，活动仅限本周末，欢迎进店选购！")]
    [InlineData("新店开业酬宾，凭此短信到店消费即送精美礼品一份，地址：人民路88号，欢迎光临！")]
    [InlineData("春季班火热报名中，小学初中各科辅导，报名即送教材，名额有限，详询老师。")]
    [InlineData("家具厂家直销，沙发床垫特价清仓，买一送一，本月底截止，欢迎选购。")]
    public void Score_ObviousAds_AreMarketing(string text) =>
        Assert.Equal(ContentLabel.Marketing, Scorer.Score(text).Label);

    [Theory]
    [InlineData("无抵押信用贷款，当天放款，额度高利息低，有需要请联系王经理。")]
    [InlineData("恭喜您被抽中二等奖，奖金58000元，请登录活动网站领取，您的验证码为【8842】。")]
    [InlineData("URGENT! You have won a 1000 cash prize. To claim call 09061701461 now. 150p/min")]
    public void Score_FraudAndScams_AreSpam(string text) =>
        Assert.Equal(ContentLabel.Spam, Scorer.Score(text).Label);

    [Theory]
    [InlineData("您的验证码为{0}，5分钟内有效，请勿泄露。")]
    [InlineData("全场五折起，满{0}元送礼品，仅限本周末！")]
    [InlineData("您的贷款额度{0}元已批，当天放款，联系客服办理。")]
    public void Score_SameVerdict_WithOrWithoutSignature_AndWithOtherNumbers(string template)
    {
        var plain = Scorer.Score(string.Format(template, "483920"));
        foreach (var variant in new[] { "【某某科技】" + string.Format(template, "11"), string.Format(template, "7") + "【某某】", string.Format(template, "xxxx") })
        {
            var verdict = Scorer.Score(variant);
            Assert.Equal(plain.Label, verdict.Label);
            Assert.Equal(plain.Score, verdict.Score, 6);
        }
    }

    [Fact]
    public void Score_BannedIndustryTerm_IsSpam_WithTheTermsSpan()
    {
        const string text = "您好，您的博彩账户已开通。";
        var verdict = Scorer.Score(text);

        Assert.Equal(ContentLabel.Spam, verdict.Label);
        var reason = Assert.Single(verdict.Reasons, r => r.Code == ContentReasonCodes.BannedIndustry);
        Assert.Equal("博彩", text.Substring(reason.Span!.Value.Start, reason.Span.Value.Length));
    }

    [Fact]
    public void Score_RulesAddTheirReasons_ForWordingLinksAndNumbers()
    {
        const string text = "您的验证码为1234。立即领取优惠券请点击 https://a.example.cn/x 或致电13812345678。";
        var verdict = Scorer.Score(text);

        Assert.Equal(["立即领取", "优惠券"], Spanned(text, verdict, ContentReasonCodes.MarketingWording));
        Assert.Equal(["https://a.example.cn/x"], Spanned(text, verdict, ContentReasonCodes.Link));
        Assert.Equal(["13812345678"], Spanned(text, verdict, ContentReasonCodes.ContactNumber));
    }

    [Fact]
    public void Score_CleanVerificationText_HasNoReasons() =>
        Assert.Empty(Scorer.Score("您正在登录网上营业厅，短信验证码为5521，10分钟内有效。").Reasons);

    [Fact]
    public void Score_ClassifierReason_FollowsItsThreshold()
    {
        const string ad = "三八女神节大促！全场服装五折起，满299再减50，活动仅限本周末，欢迎进店选购！";
        var strict = new ContentScorer(ContentModel.BuiltIn, PlatformPolicy.BuiltIn, Options.Create(new ContentRiskOptions { MarketingThreshold = 1.01 }));
        var lenient = new ContentScorer(ContentModel.BuiltIn, PlatformPolicy.BuiltIn, Options.Create(new ContentRiskOptions { MarketingThreshold = 0 }));

        Assert.False(strict.Score(ad).Has(ContentReasonCodes.ClassifierMarketing));
        Assert.True(lenient.Score(ad).Has(ContentReasonCodes.ClassifierMarketing));
    }

    private static string[] Spanned(string text, ContentVerdict verdict, string code) =>
        verdict.Reasons.Where(r => r.Code == code).Select(r => text.Substring(r.Span!.Value.Start, r.Span.Value.Length)).ToArray();
}
