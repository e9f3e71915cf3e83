using System.Globalization;

namespace SmsVerify.Server.Qualifications.Validation;

/// <summary>
/// The 18-character mainland resident ID number (GB 11643-1999): a 6-digit address code, an 8-digit birth date
/// (yyyyMMdd), a 3-digit sequence and an ISO 7064 MOD 11-2 check character (a digit or X).
/// </summary>
public static class ResidentIdNumber
{
    public const string FindingCode = "id_number_invalid";

    public const int Length = 18;

    /// <summary>Weight of each of the first 17 digits: 2^(18 − position) mod 11.</summary>
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Check character for each value of the weighted sum mod 11.</summary>
    private const string CheckCharacters = "10X98765432";

    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    /// <summary>Trims the input and upper-cases it, so a typed <c>x</c> check character becomes <c>X</c>.</summary>
    public static string Normalise(string input) => input.Trim().ToUpperInvariant();

    /// <summary>Validates the number; <paramref name="today"/> bounds the birth date so tests control the clock.</summary>
    public static ValidationResult Validate(string? input, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail("Enter the 18-character resident ID number.");
        }
        var id = Normalise(input);
        if (id.Length != Length)
        {
            return Fail($"A resident ID number has 18 characters; this one has {id.Length}.");
        }
        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return Fail($"The first 17 characters must be digits; character {i + 1} is '{id[i]}'.");
            }
        }
        if (!char.IsAsciiDigit(id[^1]) && id[^1] != 'X')
        {
            return Fail($"The last character must be a digit or X, not '{id[^1]}'.");
        }
        // Provincial-level codes in GB/T 2260 start with 1 to 8; no province starts with 0 or 9.
        if (id[0] is '0' or '9')
        {
            return Fail($"The first two digits are the province code and cannot start with {id[0]}; check the first digit.");
        }
        var dateText = id.Substring(6, 8);
        if (!DateOnly.TryParseExact(dateText, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            return Fail($"Characters 7 to 14 must be the birth date as yyyyMMdd, but {dateText} is not a real date.");
        }
        if (birthDate < EarliestBirthDate)
        {
            return Fail($"The birth date in characters 7 to 14 ({dateText}) is before 1900; check those digits.");
        }
        if (birthDate > today)
        {
            return Fail($"The birth date in characters 7 to 14 ({dateText}) is in the future; check those digits.");
        }
        if (CheckCharacter(id) != id[^1])
        {
            return Fail("The last character (the check character) does not match the first 17; a digit is probably mistyped.");
        }
        return ValidationResult.Ok;
    }

    /// <summary>
    /// The birth date of a well-formed number, or null. There is no clock here, so a birth date in the future is
    /// not refused: run <see cref="Validate"/> with today's date first.
    /// </summary>
    public static DateOnly? BirthDate(string input)
    {
        if (!Validate(input, DateOnly.MaxValue).IsValid)
        {
            return null;
        }
        return DateOnly.ParseExact(Normalise(input).AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
    }

    private static char CheckCharacter(string id)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    private static ValidationResult Fail(string message) => ValidationResult.Fail(FindingCode, message);
}
