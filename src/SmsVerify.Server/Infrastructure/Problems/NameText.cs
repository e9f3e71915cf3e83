using System.Globalization;

namespace SmsVerify.Server.Infrastructure.Problems;

/// <summary>
/// What a name people give (a tenant, signature, template, application, a person's display name) may hold: printable
/// text on one line. Control characters (NUL, line breaks, tabs) split log lines, CSV rows and the audit trail's
/// details, and bidirectional overrides make a name read differently from what it is (U+202E turns "gpj.exe" around).
/// </summary>
public static class NameText
{
    /// <summary>A problem naming <paramref name="field"/> when <paramref name="value"/> holds such a character; null otherwise.</summary>
    public static ApiError? Refusal(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        foreach (var c in value)
        {
            if (char.IsControl(c) || IsBidiControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return ProblemTypes.Invalid(field, $"{field} must be one line of printable text: U+{(int)c:X4} is a control, line-break or text-direction character.");
            }
        }
        return null;
    }

    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
