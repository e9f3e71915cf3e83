using System.Text.RegularExpressions;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// What may go into a log line in place of personal data or secrets. Logs are shipped, kept and read more widely
/// than the database: no full phone number, no code or message text, nothing a person typed as a password.
/// </summary>
public static partial class LogSafe
{
    /// <summary>A number as Chinese platforms show it, the middle four digits hidden: <c>+86138****5678</c>.</summary>
    public static string Phone(string number) =>
        number.Length <= 8 ? new string('*', Math.Max(0, number.Length - 2)) + number[Math.Max(0, number.Length - 2)..] : number[..^8] + "****" + number[^4..];

    /// <summary>Every run of seven or more digits (a phone number) in <paramref name="text"/>, masked as <see cref="Phone"/>.</summary>
    public static string Numbers(string text) => DigitRun().Replace(text, match => Phone(match.Value));

    /// <summary>
    /// A name or address typed at a sign-in that matched no one: its first character, its length and any mail
    /// domain. People type passwords into the name field; the line must not keep one.
    /// </summary>
    public static string Typed(string typed)
    {
        if (typed.Length == 0)
        {
            return "(empty)";
        }
        var at = typed.LastIndexOf('@');
        var domain = at > 0 ? typed[at..] : "";
        return $"{typed[0]}*** ({typed.Length} characters){(domain.Length > 0 ? " " + domain : "")}";
    }

    /// <summary>An SMPP receipt's text without its <c>text:</c> field, which carries the message's first characters (a code).</summary>
    public static string Receipt(string receipt)
    {
        var text = receipt.IndexOf("text:", StringComparison.OrdinalIgnoreCase);
        return text < 0 ? receipt : receipt[..text] + "text:(not logged)";
    }

    [GeneratedRegex(@"\+?\d{7,}")]
    private static partial Regex DigitRun();
}
