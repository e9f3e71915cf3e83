using SmsVerify.Server.Risk.Content;

namespace SmsVerify.Server.Tests.Risk;

public sealed class ContentTextTests
{
    [Theory]
    [InlineData("【顺丰速运】您的快递已到驿站", "您的快递已到驿站")]
    [InlineData("您的快递已到驿站【顺丰速运】", "您的快递已到驿站")]
    [InlineData("[Acme] Your code is 1234", "your code is 0")]
    [InlineData("  【某某】您好【某某】  ", "您好")]
    public void Normalise_StripsLeadingAndTrailingSignatures(string text, string expected) =>
        Assert.Equal(expected, ContentText.Normalise(text));

    [Fact]
    public void Normalise_KeepsBracketsInsideTheMessage() =>
        Assert.Equal("领奖验证码【0】请查收", ContentText.Normalise("领奖验证码【8842】请查收"));

    [Theory]
    [InlineData("验证码123456，5分钟内有效", "验证码0,0分钟内有效")]
    [InlineData("验证码xxxxxx，x分钟内有效", "验证码0,0分钟内有效")]
    [InlineData("电话0755-86013388或138 1234 5678", "电话0或0")]
    [InlineData("ＶＩＰ会员８折", "vip会员0折")]
    public void Normalise_MakesEveryNumberAndMaskOnePlaceholder(string text, string expected) =>
        Assert.Equal(expected, ContentText.Normalise(text));

    [Theory]
    [InlineData("visit www.zhuxuexx.com", "visit www.zhuxuexx.com")]
    [InlineData("Box 95 Xmas", "box 0 xmas")]
    public void Normalise_LeavesTheLetterXInsideWords(string text, string expected) =>
        Assert.Equal(expected, ContentText.Normalise(text));

    [Fact]
    public void Normalise_KeepsSpacesOnlyBetweenLatinWordsAndNumbers() =>
        Assert.Equal("您的code是0,请use it now", ContentText.Normalise("您的 code 是 1234 , 请 use  it now"));
}
