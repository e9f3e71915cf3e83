using SmsVerify.Server.Policy;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Tests.Templates.Rules;

public class VariableTests
{
    [Theory]
    [InlineData("code", VariableType.Code)]
    [InlineData("smsCode", VariableType.Code)]
    [InlineData("verify_code", VariableType.Code)]
    [InlineData("verifycode", VariableType.Code)]
    [InlineData("captcha", VariableType.Code)]
    [InlineData("otp", VariableType.Code)]
    [InlineData("amount", VariableType.Amount)]
    [InlineData("orderAmount", VariableType.Amount)]
    [InlineData("money", VariableType.Amount)]
    [InlineData("price", VariableType.Amount)]
    [InlineData("fee", VariableType.Amount)]
    [InlineData("date", VariableType.Date)]
    [InlineData("sendDate", VariableType.Date)]
    [InlineData("time", VariableType.Time)]
    [InlineData("expire_time", VariableType.Time)]
    [InlineData("name", VariableType.Name)]
    [InlineData("userName", VariableType.Name)]
    [InlineData("user", VariableType.Name)]
    [InlineData("phone", VariableType.Phone)]
    [InlineData("mobile", VariableType.Phone)]
    [InlineData("tel", VariableType.Phone)]
    [InlineData("userPhone", VariableType.Phone)]
    [InlineData("phoneNumber", VariableType.Phone)]
    [InlineData("count", VariableType.Number)]
    [InlineData("num", VariableType.Number)]
    [InlineData("orderNumber", VariableType.Number)]
    [InlineData("qty", VariableType.Number)]
    [InlineData("hotel", VariableType.Text)]
    [InlineData("address", VariableType.Text)]
    [InlineData("order2", VariableType.Text)]
    public void Infer_FromTheWordsOfTheName(string name, VariableType type) => Assert.Equal(type, VariableParser.Infer(name));

    [Fact]
    public void Parse_ReadsDeclaredTypesAndPositions()
    {
        List<VariableToken> tokens = [];
        List<VariableProblem> problems = [];
        VariableParser.Parse("尊敬的${who:name}，${code}和${x_1:AMOUNT}", tokens, problems);
        Assert.Empty(problems);
        Assert.Equal([new(3, 11, "who", VariableType.Name), new(15, 7, "code", VariableType.Code), new VariableToken(23, 13, "x_1", VariableType.Amount)], tokens);
    }

    [Theory]
    [InlineData("${}", "variable_malformed")]
    [InlineData("${a b}", "variable_malformed")]
    [InlineData("${名字}", "variable_malformed")]
    [InlineData("${abcdefghijabcdefghijabcdefghijabc}", "variable_malformed")]
    [InlineData("${a${b}", "variable_malformed")]
    [InlineData("${a:1}", "variable_type_unknown")]
    [InlineData("${a:}", "variable_type_unknown")]
    public void Parse_MalformedVariable_IsAProblem(string content, string code)
    {
        List<VariableToken> tokens = [];
        List<VariableProblem> problems = [];
        VariableParser.Parse(content, tokens, problems);
        Assert.Equal(code, problems[0].Code);
    }

    [Theory]
    [InlineData(VariableType.Code, "1234", true)]
    [InlineData(VariableType.Code, "a1B2c3", true)]
    [InlineData(VariableType.Code, "123", false)]
    [InlineData(VariableType.Code, "1234567", false)]
    [InlineData(VariableType.Code, "12 34", false)]
    [InlineData(VariableType.Code, "１２３４", false)]
    [InlineData(VariableType.Number, "20231123001234", true)]
    [InlineData(VariableType.Number, "123456789012345678901", false)]
    [InlineData(VariableType.Number, "12a", false)]
    [InlineData(VariableType.Amount, "12", true)]
    [InlineData(VariableType.Amount, "12.5", true)]
    [InlineData(VariableType.Amount, "12.50", true)]
    [InlineData(VariableType.Amount, "12.505", false)]
    [InlineData(VariableType.Amount, "12.", false)]
    [InlineData(VariableType.Amount, "-3", false)]
    [InlineData(VariableType.Amount, "1,000", false)]
    [InlineData(VariableType.Date, "2026-11-23", true)]
    [InlineData(VariableType.Date, "2026年1月5日", true)]
    [InlineData(VariableType.Date, "2026年11月23日", true)]
    [InlineData(VariableType.Date, "2026-13-01", false)]
    [InlineData(VariableType.Date, "23/11/2026", false)]
    [InlineData(VariableType.Time, "08:30", true)]
    [InlineData(VariableType.Time, "23:59:59", true)]
    [InlineData(VariableType.Time, "8:30", false)]
    [InlineData(VariableType.Time, "24:00", false)]
    [InlineData(VariableType.Name, "张三", true)]
    [InlineData(VariableType.Name, "Alice Wang", true)]
    [InlineData(VariableType.Name, "12345", false)]
    [InlineData(VariableType.Name, "一二三四五六七八九十一", false)]
    [InlineData(VariableType.Name, "t.cn/abc", false)]
    [InlineData(VariableType.Phone, "13800138000", true)]
    [InlineData(VariableType.Phone, "0755-86013388", true)]
    [InlineData(VariableType.Phone, "95588", true)]
    [InlineData(VariableType.Phone, "1234", false)]
    [InlineData(VariableType.Phone, "0755-8601-3388-99", false)]
    [InlineData(VariableType.Phone, "138 0013 8000", false)]
    [InlineData(VariableType.Text, "顺丰快递", true)]
    [InlineData(VariableType.Text, "点击 https://evil.com 领奖", false)]
    [InlineData(VariableType.Text, "访问www.evil.cn", false)]
    [InlineData(VariableType.Text, "evil.com/x", false)]
    [InlineData(VariableType.Text, "【官方】", false)]
    [InlineData(VariableType.Text, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六", false)]
    [InlineData(VariableType.Text, "", false)]
    public void Check_Value(VariableType type, string value, bool ok)
    {
        var reason = VariableValues.Check(type, value);
        Assert.True(ok == (reason is null), reason ?? "accepted");
    }

    [Fact]
    public void Check_CodeLength_ComesFromThePolicy()
    {
        Assert.Null(VariableValues.Check(VariableType.Code, "12345678", new VerificationCodeLength(6, 8)));
        Assert.NotNull(VariableValues.Check(VariableType.Code, "1234", new VerificationCodeLength(6, 8)));
        Assert.Equal(new VerificationCodeLength(4, 6), RulesTestPolicy.Default.Content.VerificationCodeLength);
    }

    [Fact]
    public void Render_FillsEveryVariable()
    {
        var rendering = TemplateRenderer.Render("${name}您好，验证码${code:code}，${code:code}。", new Dictionary<string, string> { ["name"] = "张三", ["code"] = "1234" });
        Assert.True(rendering.Succeeded);
        Assert.Equal("张三您好，验证码1234，1234。", rendering.Text);
    }

    [Theory]
    [InlineData("验证码${code}", "", "Missing parameters: code.")]
    [InlineData("验证码${code}", "code,extra", "Parameters the template does not use: extra.")]
    [InlineData("验证码${code", "code", "malformed variable")]
    public void Render_ParametersThatDoNotFit_AreAnError(string content, string names, string error)
    {
        var parameters = names.Split(',', StringSplitOptions.RemoveEmptyEntries).ToDictionary(n => n, _ => "1234");
        var rendering = TemplateRenderer.Render(content, parameters);
        Assert.False(rendering.Succeeded);
        Assert.Null(rendering.Text);
        Assert.Contains(error, rendering.Error);
    }

    [Theory]
    [InlineData("2026-11-23T00:00:00Z", true)]   // 08:00 in China
    [InlineData("2026-11-23T11:59:59Z", true)]   // 19:59:59
    [InlineData("2026-11-23T12:00:00Z", false)]  // 20:00
    [InlineData("2026-11-22T23:59:59Z", false)]  // 07:59:59
    [InlineData("2026-11-23T10:00:00+08:00", true)]
    [InlineData("2026-11-23T21:00:00+08:00", false)]
    public void MarketingWindow_IsEightToTwentyChinaTime(string now, bool open) =>
        Assert.Equal(open, MarketingWindow.IsOpen(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
