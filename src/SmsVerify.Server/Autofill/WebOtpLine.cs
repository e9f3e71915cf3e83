namespace SmsVerify.Server.Autofill;

/// <summary>
/// An origin-bound one-time code line, the last line of a message that browsers (WebOTP, Safari's autofill) fill a code
/// from: <c>@example.com #123456</c>, optionally followed by the host of an embedded frame (<c>%bank.example</c> in the
/// WICG draft, <c>@bank.example</c> as Chrome reads it). Positions are within the text the line was read from.
/// </summary>
/// <remarks>Parsing follows "Origin-bound one-time codes delivered via SMS" (WICG), §3.2 Parsing: the last line after
/// newlines are normalised, the fields in order, each marked by its sigil and separated by exactly one space; trailing text
/// is ignored.</remarks>
public sealed record WebOtpLine(int Start, string Host, int CodeStart, string Code, string? EmbeddedHost)
{
    /// <summary>The line the message ends with, when it is one; what a browser would find.</summary>
    public static WebOtpLine? Last(string text) => At(text, LastLineStart(text));

    /// <summary>The line starting at <paramref name="start"/>, read to the next line break, when it is one.</summary>
    public static WebOtpLine? At(string text, int start)
    {
        var position = start;
        if (Token(text, ref position, '@') is not { } host || !Space(text, ref position))
        {
            return null;
        }
        var codeStart = position + 1;
        if (Token(text, ref position, '#') is not { } code)
        {
            return null;
        }
        string? embedded = null;
        if (Space(text, ref position))
        {
            var marked = position;
            embedded = Token(text, ref position, '%') ?? Token(text, ref marked, '@');
        }
        return new WebOtpLine(start, host, codeStart, code, embedded);
    }

    /// <summary>The origins a browser binds the code to: the top-level host's, and the embedded frame's when named.</summary>
    public string Origin => "https://" + Host;

    public string? EmbeddedOrigin => EmbeddedHost is null ? null : "https://" + EmbeddedHost;

    /// <summary>Where the last line begins: after the last CR or LF (CRLF and CR count as LF, §3.2 "last line").</summary>
    public static int LastLineStart(string text) => text.AsSpan().LastIndexOfAny('\n', '\r') + 1;

    // "Extract a marked token": the marker, then one or more code points that are not ASCII white space.
    private static string? Token(string text, ref int position, char marker)
    {
        if (position >= text.Length || text[position] != marker)
        {
            return null;
        }
        var end = position + 1;
        while (end < text.Length && !IsAsciiWhiteSpace(text[end]))
        {
            end++;
        }
        if (end == position + 1)
        {
            return null;
        }
        var token = text[(position + 1)..end];
        position = end;
        return token;
    }

    private static bool Space(string text, ref int position)
    {
        if (position >= text.Length || text[position] != ' ')
        {
            return false;
        }
        position++;
        return true;
    }

    private static bool IsAsciiWhiteSpace(char c) => c is '\t' or '\n' or '\f' or '\r' or ' ';
}
