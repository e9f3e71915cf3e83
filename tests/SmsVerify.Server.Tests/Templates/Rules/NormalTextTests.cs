using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules.Reading;

namespace SmsVerify.Server.Tests.Templates.Rules;

/// <summary>The one normalisation every content rule reads through, and its way back to the text as written.</summary>
public class NormalTextTests
{
    [Theory]
    [InlineData("加 微 信", "加微信")]
    [InlineData("领\u200b取优\u00ad惠券", "领取优惠券")]
    [InlineData("ＷＷＷ．ＥＸＡＭＰＬＥ．ＣＯＭ", "www.example.com")]
    [InlineData("\u0435x\u0430mple.com", "example.com")]
    [InlineData("example。com", "example.com")]
    [InlineData("example点com", "example.com")]
    [InlineData("example[.]com", "example.com")]
    [InlineData("e x a m p l e . c o m", "example.com")]
    [InlineData("優惠", "优惠")]
    [InlineData("一三八一二三四五六七八", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("138·1234·5678", "13812345678")]
    [InlineData("①②③④", "1234")]
    [InlineData("ⓥⓧ", "vx")]
    public void Tricks_ReadAsThePlainForm(string written, string normal) => Assert.Equal(normal, NormalText.Of(written));

    [Theory]
    [InlineData("下午3点30分")]
    [InlineData("请于三五个工作日内办理")]
    [InlineData("95588、4008208820")]
    [InlineData("free gift")]
    [InlineData("v2.0")]
    [InlineData("12.50元")]
    public void PlainText_StaysAsItIs(string text) => Assert.Equal(text, NormalText.Of(text));

    [Fact]
    public void Spans_PointAtTheTextAsWritten()
    {
        const string written = "售后请加 微\u200b 信：abc";
        var normal = new NormalText().Read(written);

        var at = normal.Text.IndexOf("加微信", StringComparison.Ordinal);

        Assert.Equal(new TextSpan(3, 6), normal.Original(at, 3));
        Assert.Equal("加 微\u200b 信", written.Substring(3, 6));
    }

    [Fact]
    public void Reusing_OneInstance_ForgetsTheEarlierText()
    {
        var normal = new NormalText();
        normal.Read(new string('长', 200));

        Assert.Equal("ok", normal.Read("OK").Text.ToString());
    }
}
