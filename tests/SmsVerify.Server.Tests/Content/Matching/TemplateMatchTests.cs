using SmsVerify.Server.Content;
using SmsVerify.Server.Content.Matching;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Tests.Content.Matching;

public class TemplateMatchTests
{
    private const int MaxText = 35;

    private static readonly ApprovedSignature Brand = new(Guid.NewGuid(), "某某科技", SignaturePurpose.General, "1001");
    private static readonly ApprovedSignature CodesOnly = new(Guid.NewGuid(), "某某验证", SignaturePurpose.Verification, "1002");

    private static ApprovedTemplate Template(string code, TemplateType type, string content)
    {
        List<VariableToken> tokens = [];
        VariableParser.Parse(content, tokens, null);
        return new(code, type, content, [.. tokens.DistinctBy(t => t.Name).Select(t => new TemplateVariable(t.Name, t.Type))], null);
    }

    private static readonly ApprovedTemplate Login = Template("SMS_100", TemplateType.Verification, "您正在登录某某商城，验证码为${code}，5分钟内有效，请勿泄露给他人。");
    private static readonly ApprovedTemplate Shipped = Template("SMS_200", TemplateType.Notification,
        "尊敬的${name}，您的订单${order:number}已于${date} ${time}发货，金额${amount}元，请注意查收。");

    private static TemplateMatcher Matcher(params ApprovedTemplate[] templates) => new([Brand, CodesOnly], templates);

    [Fact]
    public void ExactText_Matches_AndExtractsTheValues()
    {
        var match = Matcher(Login, Shipped).Match("【某某科技】尊敬的李雷，您的订单20261123001已于2026-11-23 14:30发货，金额12.50元，请注意查收。", null, MaxText);

        Assert.True(match.Succeeded);
        Assert.Equal(("某某科技", "SMS_200"), (match.Content!.Signature, match.Content.Template));
        Assert.Equal(new Dictionary<string, string>
        {
            ["name"] = "李雷",
            ["order"] = "20261123001",
            ["date"] = "2026-11-23",
            ["time"] = "14:30",
            ["amount"] = "12.50",
        }, match.Values);
        // What the pipeline renders from the match is the text the gateway sent.
        Assert.Equal("【某某科技】尊敬的李雷，您的订单20261123001已于2026-11-23 14:30发货，金额12.50元，请注意查收。", match.Content.Render(match.Values));
    }

    [Theory]
    [InlineData("【某某科技】您正在登录某某商城，验证码为482913，10分钟内有效，请勿泄露给他人。")]
    [InlineData("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人")]
    [InlineData("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。加微信领红包")]
    [InlineData("【某某科技】您正在登陆某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。")]
    [InlineData("【某某科技】")]
    public void DifferentFixedPart_Misses(string text)
    {
        var match = Matcher(Login, Shipped).Match(text, null, MaxText);

        Assert.Null(match.Content);
        Assert.Equal("template_not_found", match.Refusal!.Type.Code);
    }

    [Theory]
    [InlineData("【别家公司】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。")]
    [InlineData("您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。")]
    [InlineData("[某某科技]您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。")]
    public void TextNotSignedByAnApprovedSignature_Misses(string text)
    {
        var match = Matcher(Login).Match(text, null, MaxText);

        Assert.Null(match.Content);
        Assert.Equal("signature_not_found", match.Refusal!.Type.Code);
    }

    [Fact]
    public void SignatureAtTheEnd_Matches_AndTheMessageGoesOutSignedInFront()
    {
        var match = Matcher(Login).Match("您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。【某某科技】", null, MaxText);

        Assert.True(match.Succeeded);
        Assert.Equal("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。", match.Content!.Render(match.Values));
    }

    [Fact]
    public void UnsignedText_TakesTheSignatureOfTheSourceExtension()
    {
        var matcher = Matcher(Login);

        Assert.Equal("某某科技", matcher.Match("您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。", "1001", MaxText).Content?.Signature);
        Assert.Equal("signature_not_found", matcher.Match("您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。", "9999", MaxText).Refusal?.Type.Code);
        // Signed one way, sent through the other signature's number: who sends is who is responsible.
        Assert.Equal("signature_not_found", matcher.Match("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。", "1002", MaxText).Refusal?.Type.Code);
        Assert.True(matcher.Match("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。", "1001", MaxText).Succeeded);
    }

    [Fact]
    public void VerificationOnlySignature_MatchesVerificationTemplatesOnly()
    {
        var matcher = Matcher(Login, Shipped);

        Assert.True(matcher.Match("【某某验证】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。", null, MaxText).Succeeded);
        Assert.Equal("template_not_found",
            matcher.Match("【某某验证】尊敬的李雷，您的订单20261123001已于2026-11-23 14:30发货，金额12.50元，请注意查收。", null, MaxText).Refusal?.Type.Code);
    }

    [Theory]
    [InlineData("name", "http://evil.example.net", "name")]
    [InlineData("name", "李雷13912345678", "name")]
    [InlineData("name", "李雷95588", "phone_number")]
    [InlineData("order", "12ab", "number")]
    [InlineData("amount", "12.505", "amount")]
    [InlineData("date", "23/11/2026", "date")]
    public void ValueBreakingItsType_IsRefused_WithTheReasonTheNativeApiGives(string variable, string value, string rule)
    {
        Dictionary<string, string> values = new() { ["name"] = "李雷", ["order"] = "20261123001", ["date"] = "2026-11-23", ["time"] = "14:30", ["amount"] = "12.50" };
        values[variable] = value;
        var text = Shipped.With(Brand).Render(values);

        var match = Matcher(Login, Shipped).Match(text, null, MaxText);

        Assert.Equal("SMS_200", match.Content?.Template);
        Assert.Equal(value, match.Values[variable]);
        var native = SendParameters.Check(Shipped.With(Brand), values, SendParameters.CodeLength, MaxText);
        Assert.NotNull(native);
        Assert.Equal((native.Type.Code, native.Detail), (match.Refusal?.Type.Code, match.Refusal?.Detail));
        Assert.Equal((variable, rule), ((string)match.Refusal!.Extensions!["variable"]!, (string)match.Refusal.Extensions["rule"]!));
    }

    [Theory]
    [InlineData("四八二九一三")]
    [InlineData("48-29")]
    [InlineData("482913482913")]
    public void CodeThatIsNoCode_IsRefused_AsTheNativeApiRefusesIt(string code)
    {
        var match = Matcher(Login).Match($"【某某科技】您正在登录某某商城，验证码为{code}，5分钟内有效，请勿泄露给他人。", null, MaxText);

        Assert.Equal("SMS_100", match.Content?.Template);
        Assert.Equal(("parameter_invalid", "code"), (match.Refusal?.Type.Code, (string?)match.Refusal?.Extensions?["rule"]));
    }

    [Fact]
    public void TwoTemplatesFit_TheOneWithMoreFixedTextWins()
    {
        var greeting = Template("SMS_001", TemplateType.Notification, "您好${content}");
        var welcome = Template("SMS_999", TemplateType.Notification, "您好${name}，欢迎回到某某商城。");

        var match = Matcher(greeting, welcome).Match("【某某科技】您好李雷，欢迎回到某某商城。", null, MaxText);

        Assert.Equal(("SMS_999", "李雷"), (match.Content?.Template, match.Values["name"]));
    }

    [Fact]
    public void TwoTemplatesFitWithAsMuchFixedText_TheLowerCodeWins()
    {
        var first = Template("SMS_001", TemplateType.Notification, "您好，${name}欢迎回来");
        var second = Template("SMS_002", TemplateType.Notification, "您好${name}，欢迎回来");

        var match = Matcher(second, first).Match("【某某科技】您好，李雷，欢迎回来", null, MaxText);

        Assert.Equal(("SMS_001", "李雷，"), (match.Content?.Template, match.Values["name"]));
    }

    [Fact]
    public void TemplateWhoseValuesFit_WinsOverOneWithMoreFixedTextWhoseValuesDoNot()
    {
        var numbered = Template("SMS_001", TemplateType.Notification, "订单${order:number}已发货，请查收。");
        var described = Template("SMS_002", TemplateType.Notification, "订单${info}，请查收。");
        var matcher = Matcher(numbered, described);

        Assert.Equal("SMS_001", matcher.Match("【某某科技】订单123已发货，请查收。", null, MaxText).Content?.Template);
        var match = matcher.Match("【某某科技】订单ABC已发货，请查收。", null, MaxText);
        Assert.True(match.Succeeded);
        Assert.Equal(("SMS_002", "ABC已发货"), (match.Content?.Template, match.Values["info"]));
    }

    [Fact]
    public void SeparatorInsideAValue_EveryWayToSplitIsTried()
    {
        var pickup = Template("SMS_300", TemplateType.Notification, "您的包裹已到${station}，取件码${code}，请尽快领取。");

        var match = Matcher(pickup).Match("【某某科技】您的包裹已到菜鸟驿站，取件码在哪，取件码A1B2，请尽快领取。", null, MaxText);

        Assert.True(match.Succeeded);
        Assert.Equal(("菜鸟驿站，取件码在哪", "A1B2"), (match.Values["station"], match.Values["code"]));
    }

    [Theory]
    [InlineData("【某某科技】您正在登录某某商城，验证码为482913,5分钟内有效，请勿泄露给他人。")]
    [InlineData("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人.")]
    [InlineData("【某某科技】您正在登录某某商城，验证码为482913，５分钟内有效，请勿泄露给他人。")]
    [InlineData("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。 ")]
    public void WidthAndSpacing_AreNotNormalised_AsASendByNameRendersThemExactly(string text)
    {
        Assert.Equal("template_not_found", Matcher(Login).Match(text, null, MaxText).Refusal?.Type.Code);
    }

    [Fact]
    public void LongChineseText_Matches()
    {
        var notice = Template("SMS_400", TemplateType.Notification,
            "尊敬的${name}，您在某某商城购买的商品已于${date}由顺丰速运发出，运单号${waybill:number}，预计两到三天送达。如有疑问请致电客服热线0755-86013388，感谢您的支持与信任，祝您生活愉快。");
        var text = "【某某科技】尊敬的韩梅梅，您在某某商城购买的商品已于2026年11月23日由顺丰速运发出，运单号773012345678901，预计两到三天送达。如有疑问请致电客服热线0755-86013388，感谢您的支持与信任，祝您生活愉快。";
        Assert.True(text.Length > 70);

        var match = Matcher(Login, Shipped, notice).Match(text, null, MaxText);

        Assert.True(match.Succeeded);
        Assert.Equal(("韩梅梅", "2026年11月23日", "773012345678901"), (match.Values["name"], match.Values["date"], match.Values["waybill"]));
    }

    [Fact]
    public void WebOtpLine_RepeatsTheCode_AndBothPlacesMustAgree()
    {
        var webOtp = Template("SMS_500", TemplateType.Verification, "您正在登录某某商城，验证码为${code}，5分钟内有效。\n\n@shop.example.com #${code}");
        var matcher = Matcher(webOtp);

        var match = matcher.Match("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效。\n\n@shop.example.com #482913", null, MaxText);
        Assert.Equal("482913", match.Values["code"]);
        Assert.Equal("template_not_found", matcher.Match("【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效。\n\n@shop.example.com #111111", null, MaxText).Refusal?.Type.Code);
    }

    [Fact]
    public void TemplateBeginningWithAVariable_IsACandidateForEveryText()
    {
        var named = Template("SMS_600", TemplateType.Notification, "${name}您好，您预约的${date}到店服务已确认。");

        var match = Matcher(Login, named).Match("【某某科技】张经理您好，您预约的2026-12-08到店服务已确认。", null, MaxText);

        Assert.Equal(("SMS_600", "张经理"), (match.Content?.Template, match.Values["name"]));
    }
}
