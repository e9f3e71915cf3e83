namespace SmsVerify.Server.Autofill;

/// <summary>
/// The 11-character hash of an Android app (its package name and signing certificate, base64 of a SHA-256 prefix) that
/// Google Play services look for to hand a message to the app through the SMS Retriever API. SmsVerify puts it on a line
/// of its own at the end of the message, or just before a WebOTP line, which must stay last.
/// </summary>
public static class AppHash
{
    public const int Length = 11;

    /// <summary>Eleven characters of the base64 alphabet, as the SMS Retriever documentation computes it.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        if (text.Length != Length)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The message with <paramref name="hash"/> on its own line: last, or before the WebOTP line that ends it.</summary>
    public static string Append(string text, string hash)
    {
        if (WebOtpLine.Last(text) is { } webOtp)
        {
            // "…\n\n@example.com #123456" becomes "…\n\nFA+9qCX9VSu\n@example.com #123456".
            return string.Concat(text.AsSpan(0, webOtp.Start), hash, "\n", text.AsSpan(webOtp.Start));
        }
        return string.Concat(text, "\n", hash);
    }

    /// <summary>The hash a message carries as <see cref="Append"/> writes it, or null.</summary>
    public static string? Find(string text)
    {
        var end = text.Length;
        if (WebOtpLine.Last(text) is { } webOtp)
        {
            end = webOtp.Start - 1;
            if (end > 0 && text[end] == '\n' && text[end - 1] == '\r')
            {
                end--;
            }
        }
        if (end < Length)
        {
            return null;
        }
        var line = text.AsSpan(0, end);
        var start = line.LastIndexOfAny('\n', '\r') + 1;
        return start > 0 && IsWellFormed(line[start..]) ? line[start..].ToString() : null;
    }
}
