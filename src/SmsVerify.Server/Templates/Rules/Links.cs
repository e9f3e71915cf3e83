using System.Text.RegularExpressions;

namespace SmsVerify.Server.Templates.Rules;

/// <summary>
/// Finds links in text: <c>http(s)://…</c> in any case, <c>www.…</c>, IPv4 addresses (<c>10.0.0.1:8080/x</c>), and bare
/// domains such as <c>example.com/x</c> or short links (<c>t.cn/A6x</c>, <c>bit.ly/x</c>): a name, a dot and a known
/// top-level domain, so "v1.2" or "3.5元" are not links. Read it over <see cref="Reading.NormalText"/>, where
/// <c>example。com</c>, <c>ｅｘａｍｐｌｅ．ｃｏｍ</c> or <c>e x a m p l e . c o m</c> are written plainly.
/// </summary>
public static partial class Links
{
    private const string UrlChars = @"[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]";

    public static bool Contains(ReadOnlySpan<char> text) => Pattern().IsMatch(text);

    /// <summary>Each link in <paramref name="text"/>, without trailing sentence punctuation.</summary>
    public static void Find(ReadOnlySpan<char> text, List<Range> links)
    {
        foreach (var match in Pattern().EnumerateMatches(text))
        {
            var length = match.Length;
            while (length > 0 && text[match.Index + length - 1] is '.' or ',' or ';' or ':' or '!' or '?')
            {
                length--;
            }
            links.Add(new Range(match.Index, match.Index + length));
        }
    }

    /// <summary>Where the host of a link lies within it: after the scheme, before the path, port or query.</summary>
    public static Range Host(ReadOnlySpan<char> link)
    {
        var start = 0;
        var scheme = link.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            start = scheme + 3;
        }
        var end = link[start..].IndexOfAny("/?#:");
        return new Range(start, end < 0 ? link.Length : start + end);
    }

    /// <summary>Whether <paramref name="host"/> is one of the domains or a subdomain of one.</summary>
    public static bool IsApproved(ReadOnlySpan<char> host, IReadOnlyCollection<string> domains)
    {
        host = WithoutWww(host.TrimEnd('.'));
        foreach (var domain in domains)
        {
            var approved = Normalise(domain);
            if (approved.IsEmpty)
            {
                continue;
            }
            if (host.Equals(approved, StringComparison.OrdinalIgnoreCase)
                || (host.Length > approved.Length && host[^(approved.Length + 1)] == '.' && host.EndsWith(approved, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }

    // Approved domains are stored as typed: possibly with a scheme, www. or a path.
    private static ReadOnlySpan<char> Normalise(string domain)
    {
        var text = domain.AsSpan().Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }
        var end = text.IndexOfAny("/?#:");
        return WithoutWww((end < 0 ? text : text[..end]).TrimEnd('.'));
    }

    private static ReadOnlySpan<char> WithoutWww(ReadOnlySpan<char> host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    [GeneratedRegex(@"(?<![A-Za-z0-9.\-@/])(?:https?://" + UrlChars + @"+|(?<!\d\.)(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d.])(?::\d{1,5})?(?:/" + UrlChars + @"*)?|www\." + UrlChars + @"+|[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\."
        + @"(?:com|cn|net|org|gov|edu|info|biz|top|xyz|vip|club|site|online|shop|store|tech|app|io|co|cc|me|tv|ink|wang|ltd|link|fun|pub|live|mobi|asia|hk"
        + @"|ly|im|gl|gd|to|ai|dev|cloud|xin|red|kim|work|cool|icu|cyou|bid|win|loan|men|pw|ws|tk|ml|ga|cf|gq|su|ru|us|uk|jp|kr|tw|mo|sg|my|de|fr|in|la|so|sh|am|fm|be|ac|nu)"
        + @"(?![A-Za-z0-9\-])(?:[/?#]" + UrlChars + "*)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
