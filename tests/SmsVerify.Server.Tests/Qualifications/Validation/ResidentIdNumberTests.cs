using SmsVerify.Server.Qualifications.Validation;

namespace SmsVerify.Server.Tests.Qualifications.Validation;

public class ResidentIdNumberTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    /// <summary>
    /// Appends the check character to 17 digits, written from the ISO 7064 MOD 11-2 definition rather than
    /// copied from the validator: weight i is 2^(17 − i) mod 11, and the check value c makes (Σ + c) mod 11 = 1.
    /// </summary>
    private static string WithCheck(string body)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var weight = 1;
            for (var k = 0; k < 17 - i; k++)
            {
                weight = weight * 2 % 11;
            }
            sum += (body[i] - '0') * weight;
        }
        var check = (12 - sum % 11) % 11;
        return body + (check == 10 ? "X" : check.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WithCheck_PublishedExample_GivesItsCheckCharacter()
    {
        // Pins the test's own check computation to the standard before the tests below rely on it.
        Assert.Equal("11010519491231002X", WithCheck("11010519491231002"));
    }

    [Theory]
    [InlineData("11010519491231002X")] // the example published with GB 11643-1999
    [InlineData("11010519491231002x")] // a lower-case check character, as people type it
    [InlineData(" 11010519491231002X ")]
    public void Validate_PublishedExample_IsValid(string input)
    {
        Assert.Equal(ValidationResult.Ok, ResidentIdNumber.Validate(input, Today));
    }

    [Theory]
    [InlineData("44030119900307123")]
    [InlineData("31011520000229004")] // 29 February of a leap year
    [InlineData("65010219000101001")] // the earliest birth date accepted
    [InlineData("82000020250601002")] // born today
    [InlineData("51010719851120531")]
    [InlineData("37020219790815666")]
    public void Validate_NumberWithComputedCheckCharacter_IsValid(string body)
    {
        Assert.True(ResidentIdNumber.Validate(WithCheck(body), Today).IsValid);
    }

    [Fact]
    public void Validate_EveryBodyEndingAnyCheckValue_IsValid()
    {
        // Walk the sequence digits until every check character 0-9 and X has been produced at least once.
        var seen = new HashSet<char>();
        for (var sequence = 0; sequence < 1000 && seen.Count < 11; sequence++)
        {
            var id = WithCheck($"11010519491231{sequence:D3}");
            Assert.True(ResidentIdNumber.Validate(id, Today).IsValid, id);
            seen.Add(id[^1]);
        }
        Assert.Equal(11, seen.Count);
    }

    [Fact]
    public void Validate_AnySingleDigitChanged_IsRefused()
    {
        const string valid = "11010519491231002X";
        for (var position = 0; position < 17; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == valid[position])
                {
                    continue;
                }
                var mutated = valid[..position] + digit + valid[(position + 1)..];
                var result = ResidentIdNumber.Validate(mutated, Today);
                Assert.False(result.IsValid, mutated);
                Assert.Equal(ResidentIdNumber.FindingCode, result.Code);
            }
        }
    }

    [Theory]
    [InlineData("110105194912310020")]
    [InlineData("110105194912310021")]
    [InlineData("110105194912310029")]
    public void Validate_WrongCheckCharacter_IsRefusedNamingTheCheckCharacter(string input)
    {
        var result = ResidentIdNumber.Validate(input, Today);

        Assert.False(result.IsValid);
        Assert.Equal("id_number_invalid", result.Code);
        Assert.Contains("check character", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11010519900230123")] // 30 February
    [InlineData("11010519000229123")] // 1900 was not a leap year
    [InlineData("11010520231301123")] // month 13
    [InlineData("11010520230400123")] // day 0
    [InlineData("11010520230431123")] // 31 April
    public void Validate_BirthDateThatDoesNotExist_IsRefusedNamingTheDate(string body)
    {
        var result = ResidentIdNumber.Validate(WithCheck(body), Today);

        Assert.False(result.IsValid);
        Assert.Equal(ResidentIdNumber.FindingCode, result.Code);
        Assert.Contains("not a real date", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11010520250602123")] // tomorrow
    [InlineData("11010520990101123")]
    public void Validate_BirthDateInTheFuture_IsRefused(string body)
    {
        var result = ResidentIdNumber.Validate(WithCheck(body), Today);

        Assert.False(result.IsValid);
        Assert.Contains("in the future", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BirthDateBefore1900_IsRefused()
    {
        var result = ResidentIdNumber.Validate(WithCheck("11010518991231123"), Today);

        Assert.False(result.IsValid);
        Assert.Contains("before 1900", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01010519491231002")]
    [InlineData("91010519491231002")]
    public void Validate_FirstDigitNotAProvince_IsRefused(string body)
    {
        var result = ResidentIdNumber.Validate(WithCheck(body), Today);

        Assert.False(result.IsValid);
        Assert.Contains("province code", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("11010519491231002")] // 17 characters
    [InlineData("11010519491231002X1")] // 19 characters
    [InlineData("110105491231002")] // the old 15-digit form
    [InlineData("1101051949123100AX")] // a letter among the digits
    [InlineData("A1010519491231002X")]
    [InlineData("11010519491231002Y")] // only X may be a check letter
    [InlineData("1101051949 231002X")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")] // full-width digits are not ASCII digits
    public void Validate_MalformedInput_IsRefusedWithTheFindingCode(string? input)
    {
        var result = ResidentIdNumber.Validate(input, Today);

        Assert.False(result.IsValid);
        Assert.Equal(ResidentIdNumber.FindingCode, result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    public void BirthDate_ValidNumber_GivesTheDateInCharacters7To14(string input)
    {
        Assert.Equal(new DateOnly(1949, 12, 31), ResidentIdNumber.BirthDate(input));
    }

    [Theory]
    [InlineData("110105194912310020")] // wrong check character
    [InlineData("11010519491231002")]
    public void BirthDate_InvalidNumber_IsNull(string input)
    {
        Assert.Null(ResidentIdNumber.BirthDate(input));
    }

    [Fact]
    public void Normalise_LowerCaseCheckCharacter_BecomesUpperCase()
    {
        Assert.Equal("11010519491231002X", ResidentIdNumber.Normalise(" 11010519491231002x "));
    }
}
