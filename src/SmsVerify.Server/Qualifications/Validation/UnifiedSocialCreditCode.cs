namespace SmsVerify.Server.Qualifications.Validation;

/// <summary>
/// The 18-character unified social credit code (GB 32100-2015) printed on a business licence: registration
/// authority (1), entity type (1), administrative division code (6 digits), entity ID (9) and a check character.
/// </summary>
/// <remarks>
/// Positions 1 and 2 are only checked against the character set. The reference lists just four registration
/// authorities (1, 5, 9, Y) as examples and no entity types; refusing the other authorities would turn away
/// real codes (law firms, for one, start with 3).
/// </remarks>
public static class UnifiedSocialCreditCode
{
    public const string FindingCode = "credit_code_invalid";

    public const int Length = 18;

    /// <summary>The code's alphabet; a character's value is its index. I, O, Z, S and V are left out.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Weight of each of the first 17 characters: 3^(position − 1) mod 31.</summary>
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Trims and upper-cases: codes are printed in capitals, but people type them in any case.</summary>
    public static string Normalise(string input) => input.Trim().ToUpperInvariant();

    public static ValidationResult Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail("Enter the 18-character unified social credit code from the business licence.");
        }
        var code = Normalise(input);
        if (code.Length != Length)
        {
            return Fail($"A unified social credit code has 18 characters; this one has {code.Length}.");
        }
        for (var i = 0; i < Length; i++)
        {
            if (!Alphabet.Contains(code[i], StringComparison.Ordinal))
            {
                return Fail($"Character {i + 1} ('{code[i]}') cannot appear in a credit code, which uses digits and capital letters other than I, O, Z, S and V.");
            }
        }
        // Positions 3 to 8 are a GB/T 2260 administrative division code, which is all digits.
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return Fail($"Characters 3 to 8 are the administrative division code and must be digits; character {i + 1} is '{code[i]}'.");
            }
        }
        if (CheckCharacter(code) != code[^1])
        {
            return Fail("The last character (the check character) does not match the first 17; a character is probably mistyped.");
        }
        return ValidationResult.Ok;
    }

    private static char CheckCharacter(string code)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += Alphabet.IndexOf(code[i], StringComparison.Ordinal) * Weights[i];
        }
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }

    private static ValidationResult Fail(string message) => ValidationResult.Fail(FindingCode, message);
}
