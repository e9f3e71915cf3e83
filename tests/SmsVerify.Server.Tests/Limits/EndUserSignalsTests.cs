using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Tests.Limits;

public sealed class EndUserSignalsTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData(" 203.0.113.7 ", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void TryNetwork_Address_IsItsNetwork(string input, string network)
    {
        Assert.True(EndUserSignals.TryNetwork(input, out var actual));
        Assert.Equal(network, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("203.0.113")]
    public void TryNetwork_NotAnAddress_IsRefused(string input) => Assert.False(EndUserSignals.TryNetwork(input, out _));

    [Theory]
    [InlineData("+8613812345678", "86:1381234")]
    [InlineData("+14155552671", "1:4155552")]
    public void NumberBlock_IsTheCountryCodeAndFirstSevenNationalDigits(string e164, string block) =>
        Assert.Equal(block, EndUserSignals.NumberBlock(e164));
}
