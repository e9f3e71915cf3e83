using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Tests.Codec;

/// <summary>The Msg_Id bit layout of §7.4.3.1: month 4, day 5, hour 5, minute 6, second 6, gateway 22, sequence 16.</summary>
public class MsgIdTests
{
    [Fact]
    public void Create_PacksEachFieldInItsBits()
    {
        var id = MsgId.Create(new DateTime(2026, 12, 7, 8, 9, 10), gatewayCode: 12345, sequence: 42);
        // 1100 00111 01000 001001 001010 (22 bits of 12345) (16 bits of 42), worked out by hand.
        Assert.Equal(0xC3A092803039002AUL, id.Value);
        Assert.Equal((12, 7, 8, 9, 10, 12345, 42), (id.Month, id.Day, id.Hour, id.Minute, id.Second, id.GatewayCode, id.Sequence));
    }

    [Fact]
    public void ToString_IsTwentyTwoDigits_AndParsesBack()
    {
        var id = MsgId.Create(new DateTime(2026, 1, 2, 3, 4, 5), gatewayCode: 0x3FFFFF, sequence: 0xFFFF);
        Assert.Equal("0102030405419430365535", id.ToString());
        Assert.True(MsgId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12070809100012345")]         // too short
    [InlineData("1207080910999999900042")]    // gateway code 9999999 needs more than 22 bits
    [InlineData("1207080910001234599999")]    // sequence 99999 needs more than 16 bits
    [InlineData("120708091000123450004x")]
    public void TryParse_RejectsWhatIsNotAMsgId(string text) => Assert.False(MsgId.TryParse(text, out _));

    [Fact]
    public void Create_RefusesAGatewayCodeWiderThan22Bits() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MsgId.Create(DateTime.Now, 0x400000, 0));
}
