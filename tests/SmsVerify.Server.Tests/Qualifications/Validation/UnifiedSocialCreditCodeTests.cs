using SmsVerify.Server.Qualifications.Validation;

namespace SmsVerify.Server.Tests.Qualifications.Validation;

public class UnifiedSocialCreditCodeTests
{
    private const string Characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>
    /// Appends the check character to 17 characters, written independently of the validator: weight i is
    /// 3^i mod 31, and the check is the character whose value makes the whole weighted sum divisible by 31.
    /// </summary>
    private static string WithCheck(string body)
    {
        var sum = 0;
        var weight = 1;
        foreach (var c in body)
        {
            sum += Characters.IndexOf(c, StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }
        for (var value = 0; value < 31; value++)
        {
            if ((sum + value) % 31 == 0)
            {
                return body + Characters[value];
            }
        }
        throw new InvalidOperationException("unreachable: some value in 0..30 always completes the sum");
    }

    [Fact]
    public void WithCheck_PublishedExample_GivesItsCheckCharacter()
    {
        // Pins the test's own check computation to a known code before the tests below rely on it.
        Assert.Equal("91350100M000100Y43", WithCheck("91350100M000100Y4"));
    }

    [Theory]
    [InlineData("91350100M000100Y43")] // the example the reference verified against Hutool
    [InlineData("91350100m000100y43")] // typed in lower case
    [InlineData(" 91350100M000100Y43 ")]
    public void Validate_PublishedExample_IsValid(string input)
    {
        Assert.Equal(ValidationResult.Ok, UnifiedSocialCreditCode.Validate(input));
    }

    [Theory]
    [InlineData("91110108MA01C3RJ4")] // an enterprise
    [InlineData("92440300MA5FXYWT8")] // an individual business
    [InlineData("12100000400012345")] // a public institution
    [InlineData("31110000E00000001")] // a law firm (registration authority 3, not in the reference's list)
    [InlineData("53100000500021676")] // a social organisation
    [InlineData("Y1330100MA2H4TQW2")]
    public void Validate_CodeWithComputedCheckCharacter_IsValid(string body)
    {
        Assert.True(UnifiedSocialCreditCode.Validate(WithCheck(body)).IsValid);
    }

    [Fact]
    public void Validate_CodeWhoseCheckValueIs31_UsesZero()
    {
        // Some value of the 17th character makes the weighted sum divisible by 31, where 31 − 0 must wrap to 0.
        var code = Characters.Select(c => WithCheck("9144030000000000" + c)).Single(code => code[^1] == '0');

        Assert.True(UnifiedSocialCreditCode.Validate(code).IsValid, code);
    }

    [Fact]
    public void Validate_AnySingleCharacterChanged_IsRefused()
    {
        const string valid = "91350100M000100Y43";
        for (var position = 0; position < 17; position++)
        {
            foreach (var c in Characters)
            {
                if (c == valid[position])
                {
                    continue;
                }
                var mutated = valid[..position] + c + valid[(position + 1)..];
                var result = UnifiedSocialCreditCode.Validate(mutated);
                Assert.False(result.IsValid, mutated);
                Assert.Equal(UnifiedSocialCreditCode.FindingCode, result.Code);
            }
        }
    }

    [Theory]
    [InlineData("91350100I000100Y43")]
    [InlineData("91350100O000100Y43")]
    [InlineData("91350100Z000100Y43")]
    [InlineData("91350100S000100Y43")]
    [InlineData("91350100V000100Y43")]
    public void Validate_ForbiddenLetter_IsRefusedNamingTheCharacter(string input)
    {
        var result = UnifiedSocialCreditCode.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal("credit_code_invalid", result.Code);
        Assert.Contains($"Character 9 ('{input[8]}')", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91350100M000100Y4A")]
    [InlineData("91350100M000100Y40")]
    public void Validate_WrongCheckCharacter_IsRefused(string input)
    {
        var result = UnifiedSocialCreditCode.Validate(input);

        Assert.False(result.IsValid);
        Assert.Contains("check character", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LetterInTheAdministrativeDivisionCode_IsRefusedEvenWithAMatchingCheck()
    {
        var result = UnifiedSocialCreditCode.Validate(WithCheck("9135A100M000100Y4"));

        Assert.False(result.IsValid);
        Assert.Contains("administrative division code", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("91350100M000100Y4")] // 17 characters
    [InlineData("91350100M000100Y433")] // 19 characters
    [InlineData("350100M000100Y")] // an old organisation code length
    [InlineData("91350100M000100Y4-")]
    [InlineData("91350100M000100 43")]
    public void Validate_MalformedInput_IsRefusedWithTheFindingCode(string? input)
    {
        var result = UnifiedSocialCreditCode.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(UnifiedSocialCreditCode.FindingCode, result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }
}
