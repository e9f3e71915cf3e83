using SmsVerify.Cmpp.Text;

namespace SmsVerify.Cmpp.Tests.Text;

/// <summary>Msg_Fmt 0, 8 and 15 both ways; GBK comes from .NET's own code pages, no package.</summary>
public class CmppTextTests
{
    [Fact]
    public void Gb_EncodesChineseAsGbk() =>
        Assert.Equal(Convert.FromHexString("D1E9D6A4C2EB"), CmppText.Encode("验证码", MsgFmt.Gb)); // GBK, looked up by hand

    [Fact]
    public void Gb_DecodesBackAndCountsTwoOctetsPerHanzi()
    {
        var text = new string('验', 75);
        var parts = CmppSplitter.Split(text, msgFmt: MsgFmt.Gb);
        Assert.Equal(2, parts.Count); // 150 octets: over 140, so 67 per part
        Assert.Equal(text, string.Concat(parts.Select(p => CmppText.Decode(p.Content, MsgFmt.Gb, hasUdh: true))));
    }

    [Fact]
    public void Ucs2_IsBigEndian() => Assert.Equal(Convert.FromHexString("4E2D56FD"), CmppText.Encode("中国", MsgFmt.Ucs2));

    [Fact]
    public void Ascii_RefusesWhatItCannotCarry() => Assert.Throws<ArgumentException>(() => CmppText.Encode("验证码", MsgFmt.Ascii));

    [Fact]
    public void Decode_NeverThrows_OnBrokenContent()
    {
        Assert.Equal("TD", CmppText.Decode("TD"u8, MsgFmt.Ascii));
        Assert.Equal("中", CmppText.Decode(new byte[] { 0x4E, 0x2D, 0x56 }, MsgFmt.Ucs2)); // odd octet dropped
        Assert.NotNull(CmppText.Decode(new byte[] { 0xFF, 0xFF, 0x81 }, MsgFmt.Gb));
        Assert.Equal("", CmppText.Decode(new byte[] { 0x09 }, MsgFmt.Ucs2, hasUdh: true)); // UDH length beyond the content
    }
}
