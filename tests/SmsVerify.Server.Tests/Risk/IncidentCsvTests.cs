using SmsVerify.Server.Risk.Incidents;

namespace SmsVerify.Server.Tests.Risk;

public sealed class IncidentCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("您的验证码****", "您的验证码****")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+86 139", "'+86 139")]
    [InlineData("", "")]
    public void Field_IsQuotedAsRfc4180Needs_AndNeverAFormula(string value, string written) =>
        Assert.Equal(written, IncidentCsv.Field(value));
}
