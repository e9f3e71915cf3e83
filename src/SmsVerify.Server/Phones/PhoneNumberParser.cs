using PhoneNumbers;

namespace SmsVerify.Server.Phones;

/// <summary>
/// Parses what people type as a phone number into E.164 with libphonenumber. The default region is CN, so
/// <c>13812345678</c>, <c>+8613812345678</c>, <c>008613812345678</c> and <c>86 138 1234 5678</c> are one number.
/// Only numbers that can receive SMS (mobile, or a plan that does not tell mobile from fixed) pass. Input holding
/// anything but digits (full-width ones too), one leading plus and the separators people type is refused, not cut:
/// libphonenumber would read <c>13812345678ext1</c> or <c>13812345678#1</c> as the number with an extension, and
/// letters as keypad digits, so a typo would quietly reach someone else's phone.
/// </summary>
public static class PhoneNumberParser
{
    public const string DefaultRegion = "CN";

    /// <summary>Longer input is refused before parsing: no real number comes close.</summary>
    public const int MaxInputLength = 32;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryParseMobile(string? input, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength || !OnlyDigitsAndSeparators(input))
        {
            return false;
        }
        PhoneNumber number;
        try
        {
            number = Util.Parse(input, DefaultRegion);
        }
        catch (NumberParseException)
        {
            return false;
        }
        if (number.HasExtension || !Util.IsValidNumber(number) || Util.GetNumberType(number) is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return false;
        }
        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }

    private static bool OnlyDigitsAndSeparators(string input)
    {
        var trimmed = input.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            var allowed = char.IsDigit(c) || c is ' ' or '\u3000' or '-' or '(' or ')' or '.'
                || (c is '+' or '＋' && trimmed.AsSpan(0, i).Trim("( ").IsEmpty);
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }
}
