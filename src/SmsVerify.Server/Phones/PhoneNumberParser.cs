using PhoneNumbers;

namespace SmsVerify.Server.Phones;

/// <summary>
/// Parses what people type as a phone number into E.164 with libphonenumber. The default region is CN, so
/// <c>13812345678</c>, <c>+8613812345678</c>, <c>008613812345678</c> and <c>86 138 1234 5678</c> are one number.
/// Only numbers that can receive SMS (mobile, or a plan that does not tell mobile from fixed) pass.
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
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength)
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
        if (!Util.IsValidNumber(number) || Util.GetNumberType(number) is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return false;
        }
        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }
}
