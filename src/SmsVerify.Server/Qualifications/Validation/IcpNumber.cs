using System.Globalization;

namespace SmsVerify.Server.Qualifications.Validation;

/// <summary>
/// An ICP filing number as shown in a site's footer: province abbreviation, <c>ICP备</c>, 6 to 8 digits (older
/// filings) or 10 digits (a four-digit year and six digits, as issued in recent years: <c>皖ICP备2021016244号</c>),
/// <c>号</c>, and optionally <c>-N</c> for the Nth site of the same filing entity (<c>陕ICP备15002899号-4</c>).
/// </summary>
/// <remarks>
/// The licence form <c>ICP证</c> + 6 digits + <c>号</c> is accepted too, without a site suffix. The reference
/// mentions <c>ICP证</c> only as an alternative in one repository's regex (which asks for 8 digits, for both
/// forms); the 6-digit length comes from the issue. Operating licences in the <c>粤B2-20090059</c> form are a
/// different document and are refused.
/// </remarks>
public static class IcpNumber
{
    public const string FindingCode = "icp_number_invalid";

    /// <summary>The 31 mainland provincial-level abbreviations; Hong Kong, Macao and Taiwan do not issue ICP numbers.</summary>
    public const string Provinces = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新";

    /// <summary>
    /// Second abbreviations of Sichuan, Guizhou, Yunnan and Gansu. Their filings are numbered with these
    /// (the reference's own example is 蜀ICP备08088888号), so refusing them would refuse real numbers.
    /// </summary>
    public const string AlternativeProvinces = "蜀黔滇陇";

    public const int MinFilingDigits = 6;
    public const int MaxFilingDigits = 8;
    public const int YearFilingDigits = 10;
    public const int LicenceDigits = 6;

    private const string Example = "京ICP备12345678号";

    public static ValidationResult Validate(string? input) => Parse(input, out _);

    public static bool TryParse(string? input, out IcpFiling filing) => Parse(input, out filing).IsValid;

    private static ValidationResult Parse(string? input, out IcpFiling filing)
    {
        filing = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail($"Enter the ICP filing number shown in the site footer, for example {Example}.");
        }
        var s = input.Trim();
        if (s.StartsWith("ICP", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"The number must start with the province abbreviation, for example 京 in {Example}.");
        }
        var province = s[..1];
        if (!Provinces.Contains(province, StringComparison.Ordinal) && !AlternativeProvinces.Contains(province, StringComparison.Ordinal))
        {
            return Fail($"'{province}' is not a mainland province abbreviation; the number must start with one of {Provinces}.");
        }
        var isLicence = s.AsSpan(1).StartsWith("ICP证", StringComparison.Ordinal);
        if (!isLicence && !s.AsSpan(1).StartsWith("ICP备", StringComparison.Ordinal))
        {
            return Fail($"After the province abbreviation the number must continue with ICP备, as in {Example}.");
        }
        var digitsStart = 1 + "ICP备".Length;
        var digitsEnd = digitsStart;
        while (digitsEnd < s.Length && char.IsAsciiDigit(s[digitsEnd]))
        {
            digitsEnd++;
        }
        var digitCount = digitsEnd - digitsStart;
        if (isLicence && digitCount != LicenceDigits)
        {
            return Fail($"An ICP licence number has {LicenceDigits} digits between ICP证 and 号; this one has {digitCount}.");
        }
        if (!isLicence && digitCount is not (>= MinFilingDigits and <= MaxFilingDigits or YearFilingDigits))
        {
            return Fail($"An ICP filing number has {MinFilingDigits} to {MaxFilingDigits} or {YearFilingDigits} digits between ICP备 and 号; this one has {digitCount}.");
        }
        if (digitsEnd == s.Length || s[digitsEnd] != '号')
        {
            return Fail($"The digits must be followed by 号, as in {Example}.");
        }
        var baseNumber = s[..(digitsEnd + 1)];
        var suffix = s[(digitsEnd + 1)..];
        int? site = null;
        if (suffix.Length > 0)
        {
            if (isLicence)
            {
                return Fail("Nothing may follow 号 in an ICP licence number.");
            }
            // A site index is a positive integer without leading zeros: -1, -2, … -12.
            if (suffix.Length < 2 || suffix[0] != '-' || suffix[1] == '0'
                || !int.TryParse(suffix.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return Fail("Only a site suffix such as -1 may follow 号.");
            }
            site = index;
        }
        filing = new IcpFiling(province, baseNumber, site, isLicence);
        return ValidationResult.Ok;
    }

    private static ValidationResult Fail(string message) => ValidationResult.Fail(FindingCode, message);
}

/// <summary>
/// A parsed ICP number. <see cref="Province"/> is the abbreviation as written (蜀 stays 蜀, not 川).
/// <see cref="BaseNumber"/> is the entity's number without the site suffix
/// (<c>沪ICP备123456号</c> for <c>沪ICP备123456号-3</c>); <see cref="Site"/> is the suffix, if any.
/// </summary>
public readonly record struct IcpFiling(string Province, string BaseNumber, int? Site, bool IsLicence);
