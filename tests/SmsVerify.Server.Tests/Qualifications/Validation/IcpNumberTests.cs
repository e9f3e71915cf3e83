using SmsVerify.Server.Qualifications.Validation;

namespace SmsVerify.Server.Tests.Qualifications.Validation;

public class IcpNumberTests
{
    [Theory]
    [InlineData("京ICP备12345678号", "京", "京ICP备12345678号", null)]
    [InlineData("沪ICP备123456号-3", "沪", "沪ICP备123456号", 3)]
    [InlineData("陕ICP备15002899号-4", "陕", "陕ICP备15002899号", 4)] // the reference's example of a site suffix
    [InlineData("粤ICP备1234567号-12", "粤", "粤ICP备1234567号", 12)]
    [InlineData("皖ICP备2021016244号-1", "皖", "皖ICP备2021016244号", 1)] // a year and six digits, as issued recently
    [InlineData("蜀ICP备08088888号", "蜀", "蜀ICP备08088888号", null)] // the reference's Sichuan example
    [InlineData("黔ICP备15014846号-1", "黔", "黔ICP备15014846号", 1)]
    [InlineData(" 新ICP备12345678号 ", "新", "新ICP备12345678号", null)]
    public void TryParse_FilingNumber_GivesProvinceBaseNumberAndSite(string input, string province, string baseNumber, int? site)
    {
        Assert.True(IcpNumber.TryParse(input, out var filing));
        Assert.Equal(new IcpFiling(province, baseNumber, site, IsLicence: false), filing);
        Assert.Equal(ValidationResult.Ok, IcpNumber.Validate(input));
    }

    [Fact]
    public void Validate_EveryMainlandProvince_IsAccepted()
    {
        Assert.Equal(31, IcpNumber.Provinces.Length);
        foreach (var province in IcpNumber.Provinces)
        {
            Assert.True(IcpNumber.Validate($"{province}ICP备12345678号").IsValid, province.ToString());
        }
    }

    [Fact]
    public void TryParse_LicenceNumber_IsMarkedAsALicence()
    {
        Assert.True(IcpNumber.TryParse("京ICP证030173号", out var filing));
        Assert.Equal(new IcpFiling("京", "京ICP证030173号", null, IsLicence: true), filing);
    }

    [Theory]
    [InlineData("粤ICP备20211234567号-1", "11")]
    [InlineData("粤ICP备202112345号", "9")]
    [InlineData("京ICP备12345号", "5")]
    [InlineData("京ICP备123456789号", "9")]
    [InlineData("京ICP备号", "0")]
    public void Validate_WrongNumberOfDigits_IsRefusedSayingHowMany(string input, string count)
    {
        var result = IcpNumber.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal("icp_number_invalid", result.Code);
        Assert.EndsWith($"this one has {count}.", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("京ICP备12345678", "followed by 号")]
    [InlineData("京ICP备12345678-1", "followed by 号")]
    [InlineData("京ICP备12345678号码", "site suffix")]
    [InlineData("ICP备12345678号", "province abbreviation")]
    [InlineData("港ICP备12345678号", "not a mainland province")]
    [InlineData("台ICP备12345678号", "not a mainland province")]
    [InlineData("X京ICP备12345678号", "not a mainland province")]
    [InlineData("京ICP12345678号", "continue with ICP备")]
    [InlineData("京备12345678号", "continue with ICP备")]
    [InlineData("京 ICP备12345678号", "continue with ICP备")]
    [InlineData("京icp备12345678号", "continue with ICP备")]
    [InlineData("粤B2-20090059", "continue with ICP备")] // an operating licence, a different document
    public void Validate_MisplacedOrMissingPart_IsRefusedNamingThePart(string input, string expected)
    {
        var result = IcpNumber.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(IcpNumber.FindingCode, result.Code);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("京ICP备12345678号-")]
    [InlineData("京ICP备12345678号-0")]
    [InlineData("京ICP备12345678号-01")]
    [InlineData("京ICP备12345678号--1")]
    [InlineData("京ICP备12345678号-1a")]
    [InlineData("京ICP备12345678号1")]
    [InlineData("京ICP备12345678号-99999999999")] // larger than any int
    [InlineData("京ICP证030173号-1")] // a licence has no site suffix
    [InlineData("京ICP证03017300号")] // a licence has 6 digits
    public void Validate_BadSuffixOrLicenceShape_IsRefused(string input)
    {
        var result = IcpNumber.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(IcpNumber.FindingCode, result.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("京")]
    public void TryParse_EmptyOrTruncatedInput_IsRefused(string? input)
    {
        Assert.False(IcpNumber.TryParse(input, out var filing));
        Assert.Equal(default, filing);
        Assert.False(string.IsNullOrWhiteSpace(IcpNumber.Validate(input).Message));
    }
}
