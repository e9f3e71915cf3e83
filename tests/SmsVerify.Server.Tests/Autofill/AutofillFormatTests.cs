using SmsVerify.Server.Autofill;

namespace SmsVerify.Server.Tests.Autofill;

/// <summary>The WebOTP last line as the WICG draft parses it, and where an app hash goes so that the line stays last.</summary>
public class AutofillFormatTests
{
    [Theory]
    [InlineData("747723 is your code.\n\n@example.com #747723", "example.com", "747723", null)]
    [InlineData("code\r\n@example.com #747723", "example.com", "747723", null)]
    [InlineData("@example.com #747723 %ecommerce.example", "example.com", "747723", "ecommerce.example")]
    [InlineData("@shop.example #123456 @bank.example", "shop.example", "123456", "bank.example")]
    [InlineData("@example.com #747723 %ecommerce.example $future", "example.com", "747723", "ecommerce.example")]
    public void Last_ReadsTheFieldsOfTheLastLine(string text, string host, string code, string? embedded)
    {
        var line = WebOtpLine.Last(text);
        Assert.NotNull(line);
        Assert.Equal((host, code, embedded), (line.Host, line.Code, line.EmbeddedHost));
        Assert.Equal("https://" + host, line.Origin);
        Assert.Equal(code, text.Substring(line.CodeStart, code.Length));
    }

    [Theory]
    [InlineData("something @example.com #747723")]
    [InlineData("#747723 %ecommerce.example @example.com")]
    [InlineData("@example.com code #747723")]
    [InlineData("@example.com  #747723")]
    [InlineData("@example.com #747723\n")]
    [InlineData("@example.com #")]
    [InlineData("@ #747723")]
    public void Last_IsNull_WhenTheLastLineIsNotOne(string text) => Assert.Null(WebOtpLine.Last(text));

    [Theory]
    [InlineData("FA+9qCX9VSu", true)]
    [InlineData("abc/DEF1234", true)]
    [InlineData("FA+9qCX9VS", false)]
    [InlineData("FA+9qCX9VSuu", false)]
    [InlineData("FA-9qCX9VSu", false)]
    [InlineData("FA 9qCX9VSu", false)]
    public void IsWellFormed_TakesElevenBase64Characters(string hash, bool wellFormed) => Assert.Equal(wellFormed, AppHash.IsWellFormed(hash));

    [Fact]
    public void Append_PutsTheHashLast_OrJustBeforeAWebOtpLine_AndFindReadsItBack()
    {
        var plain = AppHash.Append("【某某】验证码123456。", "FA+9qCX9VSu");
        var webOtp = AppHash.Append("【某某】验证码123456。\n\n@example.com #123456", "FA+9qCX9VSu");

        Assert.Equal("【某某】验证码123456。\nFA+9qCX9VSu", plain);
        Assert.Equal("【某某】验证码123456。\n\nFA+9qCX9VSu\n@example.com #123456", webOtp);
        Assert.Equal("example.com", WebOtpLine.Last(webOtp)?.Host);
        Assert.Equal(("FA+9qCX9VSu", "FA+9qCX9VSu"), (AppHash.Find(plain), AppHash.Find(webOtp)));
        Assert.Null(AppHash.Find("【某某】验证码123456。\n\n@example.com #123456"));
        Assert.Null(AppHash.Find("FA+9qCX9VSu"));
    }
}
