using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;

namespace SmsVerify.Cmpp.Tests.Text;

/// <summary>Parts as carriers bill them: 70 / 67 UCS-2 characters, 159 / 153 ASCII ones (§7.4.3.1 Msg_Length).</summary>
public class SplitterTests
{
    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Chinese_CountsSeventyThenSixtySevenPerPart(int characters, int parts) =>
        Assert.Equal(parts, CmppSplitter.CountParts(new string('验', characters)));

    [Theory]
    [InlineData(159, 1)]
    [InlineData(160, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Ascii_CountsBelowOneSixtyThenOneFiftyThreePerPart(int characters, int parts) =>
        Assert.Equal(parts, CmppSplitter.CountParts(new string('a', characters)));

    [Fact]
    public void LongChinese_SplitsIntoPartsWithUdhAndPkFields()
    {
        var text = string.Concat(Enumerable.Repeat("您的验证码是482913，五分钟内有效。", 8));
        var parts = CmppSplitter.Split(text, reference: 0x39);

        Assert.Equal(CmppSplitter.CountParts(text), parts.Count);
        for (var n = 0; n < parts.Count; n++)
        {
            var part = parts[n];
            Assert.Equal((MsgFmt.Ucs2, (byte)1, (byte)parts.Count, (byte)(n + 1)), (part.MsgFmt, part.TpUdhi, part.PkTotal, part.PkNumber));
            Assert.Equal(new byte[] { 0x05, 0x00, 0x03, 0x39, (byte)parts.Count, (byte)(n + 1) }, part.Content[..6]);
            Assert.InRange(part.Content.Length, 7, 140);
        }
        Assert.Equal(text, string.Concat(parts.Select(p => CmppText.Decode(p.Content, p.MsgFmt, hasUdh: true))));
    }

    [Fact]
    public void ShortText_IsOneMessageWithoutUdh()
    {
        var part = Assert.Single(CmppSplitter.Split("Your code is 482913"));
        Assert.Equal((MsgFmt.Ascii, (byte)0, (byte)1, (byte)1), (part.MsgFmt, part.TpUdhi, part.PkTotal, part.PkNumber));
        var submit = new Submit();
        part.ApplyTo(submit);
        Assert.Equal("Your code is 482913"u8.ToArray(), submit.MsgContent.ToArray());
    }

    [Fact]
    public void SurrogatePair_IsNeverCutBetweenParts()
    {
        var text = new string('中', 66) + "😀" + new string('国', 10);
        var parts = CmppSplitter.Split(text);
        Assert.Equal(2, parts.Count);
        Assert.Equal(text, string.Concat(parts.Select(p => CmppText.Decode(p.Content, p.MsgFmt, hasUdh: true))));
        Assert.Equal(6 + (66 * 2), parts[0].Content.Length); // the emoji did not fit and went whole to part 2
    }
}
