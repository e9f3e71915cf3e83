using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;
using static SmsVerify.Server.Tests.Templates.Rules.RulesTestPolicy;

namespace SmsVerify.Server.Tests.Templates.Rules;

public class TemplateRulesTests
{
    [Theory]
    [InlineData("您正在登录【】，验证码为${code}", "reserved_brackets", "error", "【")]
    [InlineData("【腾讯】您正在登录，验证码为${code}", "reserved_brackets", "error", "【")]
    [InlineData("您正在登录，验证码为${code}★", "special_symbol", "error", "★")]
    [InlineData("您正在登录，验证码为${code}😀", "special_symbol", "error", "😀")]
    [InlineData("您正在登录，驗证码为${code}", "traditional_chinese", "error", "驗")]
    [InlineData("您正在登录，验证码为${code，5分钟内有效", "variable_malformed", "error", "${code，5分钟内有效")]
    [InlineData("您正在登录，验证码为${co-de}", "variable_malformed", "error", "${co-de}")]
    [InlineData("您正在登录，验证码为${code:pin}", "variable_type_unknown", "error", "${code:pin}")]
    [InlineData("您正在登录，验证码为${code}，请访问 example.com", "link_not_allowed", "error", "example.com")]
    [InlineData("您正在登录，验证码为${code}，详见https://example.com/help。", "link_not_allowed", "error", "https://example.com/help")]
    [InlineData("您正在登录，密码为${code}", "verification_keyword_missing", "error", null)]
    [InlineData("Your password is ${code}. Sign in within 5 minutes.", "verification_keyword_missing", "error", null)]
    [InlineData("您的验证码是${code}", "verification_context_missing", "warning", null)]
    [InlineData("您正在登录，验证码为${value}", "verification_variable_not_code", "error", "${value}")]
    [InlineData("您正在登录，验证码为${code}，订单${order}", "verification_variable_count", "error", null)]
    [InlineData("您正在登录，验证码为", "verification_variable_count", "error", null)]
    [InlineData("您正在登录，验证码为${code}，如非本人操作请致电0755-86013388", "contact_number_not_allowed", "error", "0755-86013388")]
    [InlineData("您正在登录，验证码为${code}，客服95588", "contact_number_not_allowed", "error", "95588")]
    [InlineData("您正在登录，验证码为${code}，客服13800138000", "contact_number_not_allowed", "error", "13800138000")]
    [InlineData("您正在登录，验证码为${code}，限时抢购", "marketing_wording", "error", "限时")]
    [InlineData("Your code to sign in is ${code}. 50% off today!", "marketing_wording", "error", "% off")]
    [InlineData("您正在登录，验证码为${code}，拒收请回复R", "opt_out_not_allowed", "error", "拒收请回复R")]
    [InlineData("您正在申请贷款，验证码为${code}", "banned_industry", "error", "贷款")]
    public void Verification_BadContent_IsFound(string content, string code, string severity, string? spanText) =>
        AssertFinding(ReviewAs(TemplateType.Verification, content), content, code, severity, spanText);

    [Theory]
    [InlineData("[通知]您的订单已发货", "edge_brackets", "[")]
    [InlineData("您的订单已发货[${order}]", "edge_brackets", "]")]
    [InlineData("${order}，${status}", "only_variables", "${order}，${status}")]
    [InlineData("订单${order}${status}，请查收", "adjacent_variables", "${order}${status}")]
    [InlineData("订单${order} ${status}，请查收", "adjacent_variables", "${order} ${status}")]
    [InlineData("订单${x:text}已于${x:number}发货", "variable_type_conflict", "${x:number}")]
    [InlineData("详情见 https://evil.com/a 。", "link_not_approved", "https://evil.com/a")]
    [InlineData("详情见www.evil.cn", "link_not_approved", "www.evil.cn")]
    [InlineData("详情见notexample.com/a", "link_not_approved", "notexample.com/a")]
    [InlineData("详情见 https://${host}/a", "link_in_variable", "https://${host}/a")]
    [InlineData("详情见 ${sub}.example.com", "link_in_variable", "${sub}.example.com")]
    [InlineData("您的快递已到，请联系13800138000", "contact_number_mobile", "13800138000")]
    [InlineData("您的快递已到，请联系+86 138 0013 8000", "contact_number_mobile", "86 138 0013 8000")]
    [InlineData("客服电话95588、4008208820或0755-86013388", "contact_number_too_many", "0755-86013388")]
    [InlineData("您的订单已发货，新品上市", "marketing_wording", "新品")]
    [InlineData("您的订单已发货，回T退订", "opt_out_not_allowed", "回T退订")]
    [InlineData("您关注的彩票已开奖", "banned_industry", "彩票")]
    [InlineData("Your BITCOIN wallet is ready", "banned_industry", "BITCOIN")]
    public void Notification_BadContent_IsRejected(string content, string code, string spanText) =>
        AssertFinding(ReviewAs(TemplateType.Notification, content), content, code, Finding.Error, spanText);

    [Theory]
    [InlineData("双十一大促，全场五折", "opt_out_missing", "error", "")]
    [InlineData("双十一大促，全场五折，拒收请回复R。", "opt_out_missing", "error", "")]
    [InlineData("国家级品质，全场五折，拒收请回复R", "advertising_law_term", "warning", "国家级")]
    [InlineData("全场最低价，拒收请回复R", "advertising_law_term", "warning", "最低价")]
    public void Marketing_BadContent_IsFound(string content, string code, string severity, string spanText) =>
        AssertFinding(ReviewAs(TemplateType.Marketing, content), content, code, severity, spanText);

    [Theory]
    [InlineData(TemplateType.Notification, "您的订单已发货，参与活动赢好礼", "personal_forbidden_word", "活动")]
    [InlineData(TemplateType.Verification, "您正在注册，验证码为${code}，注册有礼", "personal_forbidden_word", "注册有礼")]
    [InlineData(TemplateType.Marketing, "新店开业，拒收请回复R", "personal_marketing_not_allowed", null)]
    public void PersonalTenant_BadContent_IsRejected(TemplateType type, string content, string code, string? spanText) =>
        AssertFinding(ReviewAs(type, content, TenantKind.Personal), content, code, Finding.Error, spanText);

    [Fact]
    public void PersonalTenant_PlainNotification_IsClean() =>
        Assert.Empty(ReviewAs(TemplateType.Notification, "您的订单${order}已发货，请注意查收。", TenantKind.Personal).Findings);

    [Theory]
    [InlineData(TemplateType.Verification, "您正在登录，登录验证码为${code}，5分钟内有效。")]
    [InlineData(TemplateType.Verification, "验证码${code}，用于身份验证，请勿泄露。")]
    [InlineData(TemplateType.Verification, "Your verification code is ${code}. It expires in 5 minutes.")]
    [InlineData(TemplateType.Verification, "您正在修改密码，验证码为${code}，订单金额请以页面为准。")]
    [InlineData(TemplateType.Notification, "您的订单${order}已发货，如有疑问请致电0755-86013388。")]
    [InlineData(TemplateType.Notification, "您的账单已出，如有疑问请致电95588或400-820-8820。")]
    [InlineData(TemplateType.Notification, "您已支付123.45元，订单号20231123001234。")]
    [InlineData(TemplateType.Notification, "您的订单已发货，详情见 https://m.example.com/order/${id} 。")]
    [InlineData(TemplateType.Notification, "您的订单已发货，详情见 example.com/o/${id}")]
    [InlineData(TemplateType.Notification, "Please close the window after you sign in, ${name}.")]
    [InlineData(TemplateType.Notification, "您的版本v1.2已更新，共3.5元")]
    [InlineData(TemplateType.Notification, "尊敬的${name}，您的订单[${order}]已发货")]
    [InlineData(TemplateType.Notification, "${name}您好，您的订单已于${date}发货")]
    [InlineData(TemplateType.Marketing, "新品上市，全场五折，拒收请回复R")]
    [InlineData(TemplateType.Marketing, "新品上市，全场五折，拒收请回复R  ")]
    public void GoodTemplate_IsClean(TemplateType type, string content)
    {
        var review = ReviewAs(type, content);
        Assert.True(review.Clean, string.Join("; ", review.Findings.Select(f => $"{f.Code}: {f.Message}")));
    }

    [Fact]
    public void ContentOverFiveHundredCharacters_IsRejected()
    {
        var content = "您正在登录，验证码为${code}。" + new string('请', 500);
        var finding = Assert.Single(ReviewAs(TemplateType.Verification, content).WithCode("content_length"));
        Assert.Contains("it must have 1–500", finding.Message);
        Assert.Single(ReviewAs(TemplateType.Verification, "").WithCode("content_length"));
    }

    [Fact]
    public void NameAndScenario_AreRequired()
    {
        var review = Engine.Review(new TemplateDraft(" ", TemplateType.Verification, "您正在登录，验证码为${code}", ""),
            new TemplateContext(TenantKind.Enterprise, []));
        Assert.Equal(["template_name_invalid", "scenario_invalid"], review.Findings.Select(f => f.Code));
        Assert.True(review.Rejected);
    }

    [Fact]
    public void Review_ReturnsTheVariablesWithTheirTypes()
    {
        var review = ReviewAs(TemplateType.Notification, "${userName}您好，您于${payTime}支付${amount:amount}元，订单${orderNo}。");
        Assert.Equal(
            [new("userName", VariableType.Name), new("payTime", VariableType.Time), new("amount", VariableType.Amount), new TemplateVariable("orderNo", VariableType.Text)],
            review.Variables);
        Assert.True(review.Clean);
    }

    [Fact]
    public void WarningOnly_GoesToAHuman()
    {
        var review = ReviewAs(TemplateType.Verification, "您的验证码是${code}");
        Assert.False(review.Rejected);
        Assert.True(review.NeedsHumanReview);
    }

    [Fact]
    public void FindingCodes_AreUniqueLowerSnakeCaseWithReasons()
    {
        var all = TemplateFindingCodes.All.Concat(SmsVerify.Server.Signatures.Rules.SignatureFindingCodes.All).ToList();
        Assert.Equal(all.Count, all.Select(c => c.Code).Distinct().Count());
        Assert.All(all, c => Assert.Matches("^[a-z][a-z0-9_]+$", c.Code));
        Assert.All(all, c => Assert.Contains(c.Severity, new[] { Finding.Error, Finding.Warning }));
        Assert.All(all, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
        var constants = typeof(TemplateFindingCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(constants.Order(), TemplateFindingCodes.All.Select(c => c.Code).Order());
    }

    internal static void AssertFinding(TemplateReview review, string content, string code, string severity, string? spanText)
    {
        var finding = review.WithCode(code).FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"No {code} in: {string.Join("; ", review.Findings.Select(f => $"{f.Code}: {f.Message}"))}");
        Assert.Equal(severity, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        if (spanText is not null)
        {
            Assert.Equal(spanText, finding.SpanText(content));
        }
    }
}
