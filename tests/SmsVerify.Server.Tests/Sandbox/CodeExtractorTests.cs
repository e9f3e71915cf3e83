using SmsVerify.Server.Sandbox;

namespace SmsVerify.Server.Tests.Sandbox;

public class CodeExtractorTests
{
    [Fact]
    public void Extract_SandboxTemplateText_ReturnsCodeNotMinutes()
    {
        var text = SandboxTemplate.Render("062071", TimeSpan.FromMinutes(5));

        Assert.Equal("062071", CodeExtractor.Extract(text));
    }

    [Fact]
    public void Extract_SandboxTemplateWithFourDigitValidity_ReturnsCode()
    {
        // A validity in four digits is itself a 4–8 digit run: only the keyword tells the two apart.
        var text = SandboxTemplate.Render("4821", TimeSpan.FromMinutes(1440));

        Assert.Equal("4821", CodeExtractor.Extract(text));
    }

    [Fact]
    public void Extract_EnglishTextWithMinutes_ReturnsCode()
    {
        Assert.Equal("4821", CodeExtractor.Extract("Your verification code is 4821. It expires in 10 minutes."));
    }

    [Fact]
    public void Extract_AlphanumericCodeAfterKeyword_ReturnsIt()
    {
        Assert.Equal("AB12CD", CodeExtractor.Extract("Code: AB12CD"));
    }

    [Fact]
    public void Extract_SingleDigitRunWithoutKeyword_ReturnsIt()
    {
        Assert.Equal("739154", CodeExtractor.Extract("【Acme】739154 is your one-time password."));
    }

    [Fact]
    public void Extract_TextWithoutCode_ReturnsNull()
    {
        Assert.Null(CodeExtractor.Extract("Thanks for signing up! We will be in touch soon."));
    }

    [Fact]
    public void Extract_TwoDigitRunsWithoutKeyword_ReturnsNull()
    {
        Assert.Null(CodeExtractor.Extract("Order 58213 ships on 20250301 to your address."));
    }

    [Fact]
    public void Extract_WordAfterKeywordWithoutDigits_IsNotTakenForCode()
    {
        // "code" is followed by words, not a code; the one digit run is the answer.
        Assert.Equal("903112", CodeExtractor.Extract("Enter this code when asked: 903112"));
    }
}
