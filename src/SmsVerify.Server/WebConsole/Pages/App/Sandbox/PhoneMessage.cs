using System.Globalization;
using SmsVerify.Server.Sandbox;

namespace SmsVerify.Server.WebConsole.Pages.App.Sandbox;

/// <summary>
/// A message in a test number's inbox cut the way a phone shows it: the signature as the sender, the text, and the
/// code within the text (<see cref="Before"/>, <see cref="Code"/>, <see cref="After"/>) so that it can be marked. The
/// page draws these and its script draws the ones that arrive later from the same fields, so both look alike. Beside the
/// text it notes what would fill the code in by itself: a browser for a WebOTP origin, an Android app for its hash.
/// </summary>
public sealed record PhoneMessage(Guid Id, string To, string Signature, string Before, string? Code, string After, string Time)
{
    public string? WebOtpOrigin { get; init; }

    public string? WebOtpEmbeddedOrigin { get; init; }

    public string? AppHash { get; init; }

    public static PhoneMessage From(InboxMessageView message)
    {
        var (signature, text) = message.Text.StartsWith('【') && message.Text.IndexOf('】', StringComparison.Ordinal) is > 1 and var end
            ? (message.Text[1..end], message.Text[(end + 1)..])
            : ("", message.Text);
        var at = message.Code is { } code ? text.IndexOf(code, StringComparison.Ordinal) : -1;
        var time = message.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var cut = at < 0
            ? new PhoneMessage(message.Id, message.To, signature, text, null, "", time)
            : new PhoneMessage(message.Id, message.To, signature, text[..at], message.Code, text[(at + message.Code!.Length)..], time);
        return cut with { WebOtpOrigin = message.WebOtpOrigin, WebOtpEmbeddedOrigin = message.WebOtpEmbeddedOrigin, AppHash = message.AppHash };
    }
}
