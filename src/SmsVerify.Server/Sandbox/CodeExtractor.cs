using System.Text.RegularExpressions;

namespace SmsVerify.Server.Sandbox;

/// <summary>
/// Finds the verification code in a message the way a phone's "copy code" feature does: the first 4–8 character
/// run of digits (or letters and digits) after a code keyword, else the only run of 4–8 digits in the text.
/// </summary>
public static partial class CodeExtractor
{
    public static string? Extract(string text)
    {
        var afterKeyword = AfterKeyword().Match(text);
        if (afterKeyword.Success)
        {
            return afterKeyword.Groups["code"].Value;
        }
        var digits = DigitRun().Matches(text);
        return digits.Count == 1 ? digits[0].Value : null;
    }

    [GeneratedRegex(@"(?:验证码|校验码|动态码|注册码|确认码|code)\D{0,8}?(?<code>(?<![A-Za-z0-9])(?=[A-Za-z]*\d)[A-Za-z0-9]{4,8}(?![A-Za-z0-9]))", RegexOptions.IgnoreCase)]
    private static partial Regex AfterKeyword();

    [GeneratedRegex(@"(?<!\d)\d{4,8}(?!\d)")]
    private static partial Regex DigitRun();
}
