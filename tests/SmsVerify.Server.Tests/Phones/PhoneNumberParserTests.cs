using SmsVerify.Server.Phones;

namespace SmsVerify.Server.Tests.Phones;

public class PhoneNumberParserTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("+8613812345678")]
    [InlineData("008613812345678")]
    [InlineData("86 138 1234 5678")]
    [InlineData("+86 138-1234-5678")]
    [InlineData("(+86) 138 1234 5678")]
    [InlineData(" 13812345678 ")]
    [InlineData("１３８１２３４５６７８")] // full-width digits, as a Chinese input method types them
    [InlineData("＋86 138 1234 5678")]
    public void TryParseMobile_ChineseMobileAsPeopleTypeIt_GivesE164(string input)
    {
        Assert.True(PhoneNumberParser.TryParseMobile(input, out var e164));
        Assert.Equal("+8613812345678", e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abcdefghijk")]
    [InlineData("12345")]
    [InlineData("1381234567")] // one digit short
    [InlineData("010 6552 9988")] // a Beijing landline: valid, but cannot receive SMS
    [InlineData("+86 10 6552 9988")]
    [InlineData("+44 20 7946 0018")] // a London landline
    [InlineData("13812345678ext1")] // an extension: an SMS cannot reach it, and cutting it off guesses
    [InlineData("13812345678#1")]
    [InlineData("13812345678x1")]
    [InlineData("13812345678abc")] // trailing junk
    [InlineData("138-1234-567a")] // a letter libphonenumber would read as a keypad digit
    [InlineData("138+12345678")] // a plus that does not lead
    [InlineData("1381234567８;")]
    public void TryParseMobile_NotAMobileNumber_IsRefused(string? input)
    {
        Assert.False(PhoneNumberParser.TryParseMobile(input, out var e164));
        Assert.Equal("", e164);
    }

    [Fact]
    public void TryParseMobile_InputLongerThan32Characters_IsRefusedEvenIfItHoldsANumber()
    {
        var input = "+86" + new string(' ', 19) + "13812345678";
        Assert.Equal(PhoneNumberParser.MaxInputLength + 1, input.Length);

        Assert.False(PhoneNumberParser.TryParseMobile(input, out _));
    }

    [Fact]
    public void TryParseMobile_InputOfExactly32Characters_IsParsed()
    {
        var input = "+86" + new string(' ', 18) + "13812345678";
        Assert.Equal(PhoneNumberParser.MaxInputLength, input.Length);

        Assert.True(PhoneNumberParser.TryParseMobile(input, out var e164));
        Assert.Equal("+8613812345678", e164);
    }

    [Fact]
    public void TryParseMobile_UnitedStatesNumber_IsAccepted()
    {
        // North American numbers do not say whether they are mobile: libphonenumber types them
        // FIXED_LINE_OR_MOBILE, which the parser lets through because such a number may well receive SMS.
        Assert.True(PhoneNumberParser.TryParseMobile("+1 202 555 0100", out var e164));
        Assert.Equal("+12025550100", e164);
    }

    [Fact]
    public void TryParseMobile_ForeignMobileWithCountryCode_GivesItsE164()
    {
        Assert.True(PhoneNumberParser.TryParseMobile("+44 7400 123456", out var e164));
        Assert.Equal("+447400123456", e164);
    }
}
