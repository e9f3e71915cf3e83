using SmsVerify.Server.Content;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Tests.Content;

public class SendParametersTests
{
    private static readonly ApprovedContent Notification = new(Guid.Empty, "某某科技", SignaturePurpose.General, "100001", "SMS_123456789", TemplateType.Notification,
        "尊敬的${name}，您的订单${order:number}已于${date}发货，金额${amount}元，配送员电话${phone}，备注：${note}",
        [
            new("name", VariableType.Name), new("order", VariableType.Number), new("date", VariableType.Date), new("amount", VariableType.Amount),
            new("phone", VariableType.Phone), new("note", VariableType.Text),
        ]);

    private static Dictionary<string, string> Good() => new()
    {
        ["name"] = "李雷",
        ["order"] = "20261123001",
        ["date"] = "2026-11-23",
        ["amount"] = "12.50",
        ["phone"] = "13800138000",
        ["note"] = "放门口",
    };

    [Fact]
    public void GoodValues_Pass_AndRenderBehindTheSignature()
    {
        Assert.Null(SendParameters.Check(Notification, Good(), VerificationCodeLength.Default, 35));
        Assert.Equal("【某某科技】尊敬的李雷，您的订单20261123001已于2026-11-23发货，金额12.50元，配送员电话13800138000，备注：放门口",
            Notification.Render(Good()));
    }

    [Theory]
    [InlineData("note", "详见 http://evil.example.net", "text")]
    [InlineData("note", "加微信 abc.cn", "text")]
    [InlineData("note", "【广告】", "text")]
    [InlineData("note", "致电13912345678领奖", "phone_number")]
    [InlineData("note", "致电0755-86013388", "phone_number")]
    [InlineData("note", "这是一段超过三十五个字符的备注文字，用来把广告悄悄藏进通知短信的变量里面去吧", "text")]
    [InlineData("name", "13912345678", "name")]
    [InlineData("name", "李雷95588", "phone_number")]
    [InlineData("note", "拨打400-820-8820", "phone_number")]
    [InlineData("order", "13912345678", "phone_number")]
    [InlineData("order", "12ab", "number")]
    [InlineData("amount", "12.505", "amount")]
    [InlineData("date", "23/11/2026", "date")]
    [InlineData("phone", "call me", "phone")]
    [InlineData("note", "", "text")]
    public void BadValue_IsNamed_WithItsRule(string variable, string value, string rule)
    {
        var values = Good();
        values[variable] = value;

        var problem = SendParameters.Check(Notification, values, VerificationCodeLength.Default, 35);

        Assert.NotNull(problem);
        Assert.Equal("parameter_invalid", problem.Type.Code);
        Assert.Equal((variable, rule), ((string)problem.Extensions!["variable"]!, (string)problem.Extensions["rule"]!));
    }

    [Fact]
    public void TextLength_IsConfigurable()
    {
        var values = Good();
        values["note"] = new string('好', 50);

        Assert.NotNull(SendParameters.Check(Notification, values, VerificationCodeLength.Default, 35));
        Assert.Null(SendParameters.Check(Notification, values, VerificationCodeLength.Default, 60));
    }

    [Fact]
    public void NumberVariable_MayHoldAServiceLikeFigure_ButNotAMobileNumber()
    {
        var values = Good();
        values["order"] = "95588";
        Assert.Null(SendParameters.Check(Notification, values, VerificationCodeLength.Default, 35));
    }

    [Theory]
    [InlineData("123", "code")]
    [InlineData("12345678901", "code")]
    [InlineData("12 34", "code")]
    [InlineData("95588a", null)]
    [InlineData("A1B2C3", null)]
    public void CodeVariable_HoldsFourToEightLettersOrDigits(string code, string? rule)
    {
        var content = new ApprovedContent(Guid.Empty, "某某科技", SignaturePurpose.Verification, null, "SMS_1", TemplateType.Verification, "验证码${code}",
            [new("code", VariableType.Code)]);

        var problem = SendParameters.Check(content, new Dictionary<string, string> { ["code"] = code }, new VerificationCodeLength(4, 8), 35);

        Assert.Equal(rule, problem?.Extensions?["rule"] as string);
    }
}
