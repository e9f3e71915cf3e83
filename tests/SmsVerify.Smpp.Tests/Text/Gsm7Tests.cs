using SmsVerify.Smpp.Text;

namespace SmsVerify.Smpp.Tests.Text;

public class Gsm7Tests
{
    [Fact]
    public void BasicTable_MapsEverySeptetBothWays()
    {
        for (byte septet = 0; septet < 128; septet++)
        {
            if (septet == Gsm7.Escape)
            {
                continue;
            }
            var text = Gsm7.Decode([septet]);
            Assert.Equal([septet], Gsm7.Encode(text));
        }
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x10, 0x5F, 0x7F }, Gsm7.Encode("@£$Δ§à"));
    }

    [Theory]
    [InlineData('€', 0x65)]
    [InlineData('[', 0x3C)]
    [InlineData(']', 0x3E)]
    [InlineData('{', 0x28)]
    [InlineData('}', 0x29)]
    [InlineData('~', 0x3D)]
    [InlineData('\\', 0x2F)]
    [InlineData('^', 0x14)]
    [InlineData('|', 0x40)]
    public void ExtensionCharacters_AreEscapePairs(char c, byte septet)
    {
        var encoded = Gsm7.Encode(c.ToString());
        Assert.Equal(new byte[] { 0x1B, septet }, encoded);
        Assert.Equal(c.ToString(), Gsm7.Decode(encoded));
        Assert.True(Gsm7.TryCountSeptets($"a{c}", out var septets));
        Assert.Equal(3, septets);
    }

    [Fact]
    public void NonGsmCharacters_AreNotEncodable()
    {
        Assert.False(Gsm7.IsEncodable("验证码"));
        Assert.False(Gsm7.IsEncodable("`"));
        Assert.False(Gsm7.IsEncodable("😀"));
        Assert.Throws<ArgumentException>(() => Gsm7.Encode("ç"));
    }

    [Fact]
    public void Pack_FollowsTheSpecExample_AndUnpacks()
    {
        // TS 23.038 §6.1.2.1.1: "hellohello" packs to E8 32 9B FD 46 97 D9 EC 37.
        var septets = Gsm7.Encode("hellohello");
        Assert.Equal(Convert.FromHexString("E8329BFD4697D9EC37"), Gsm7.Pack(septets));
        Assert.Equal(septets, Gsm7.Unpack(Gsm7.Pack(septets), septets.Length));
    }

    [Fact]
    public void Pack_WithFillBitsAfterUdh_StartsOnSeptetBoundary()
    {
        Assert.Equal(1, Gsm7.FillBitsAfterUdh(6));
        var septets = Gsm7.Encode("Hi €");
        var packed = Gsm7.Pack(septets, fillBits: 1);
        Assert.Equal(0, packed[0] & 1);
        Assert.Equal(septets, Gsm7.Unpack(packed, septets.Length, fillBits: 1));
    }
}
