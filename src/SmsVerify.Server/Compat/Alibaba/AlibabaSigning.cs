using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// The two request signatures Dysmsapi clients use (docs/compat-alibaba.md): ACS3-HMAC-SHA256, the SDKs' default,
/// and the RPC signature v1 (HMAC-SHA1), for <c>signatureAlgorithm: 'v2'</c>, the older SDKs and hand-written clients.
/// Pure functions over the request's parts, so they are tested against the vendor's published vectors.
/// </summary>
internal static class AlibabaSigning
{
    public const string Acs3Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>
    /// The sorted, RFC 3986-encoded <c>k=v&amp;…</c> of the decoded parameters (both schemes build it the same way):
    /// re-encoded rather than taken raw, because the SDK sends <c>( ) * ! ~</c> unescaped but signs them escaped.
    /// </summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters, string? except = null)
    {
        var pairs = parameters.Where(p => p.Key != except).ToArray();
        Array.Sort(pairs, static (a, b) => a.Key == b.Key ? string.CompareOrdinal(a.Value, b.Value) : string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder(256);
        foreach (var (key, value) in pairs)
        {
            if (text.Length > 0)
            {
                text.Append('&');
            }
            PercentEncode(text, key);
            text.Append('=');
            PercentEncode(text, value);
        }
        return text.ToString();
    }

    /// <summary>ACS3: <c>hex(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex(SHA256(canonicalRequest))))</c>.</summary>
    public static string Acs3Signature(string secret, string canonicalRequest)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest), hash);
        var stringToSign = Acs3Algorithm + "\n" + Convert.ToHexStringLower(hash);
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>RPC v1: <c>base64(HMAC-SHA1(secret + "&amp;", METHOD + "&amp;%2F&amp;" + pct(canonicalQuery)))</c>.</summary>
    public static string RpcSignature(string secret, string method, string canonicalQuery)
    {
        var stringToSign = new StringBuilder(canonicalQuery.Length * 3 / 2 + 16).Append(method).Append("&%2F&");
        PercentEncode(stringToSign, canonicalQuery);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(stringToSign.ToString()), mac);
        return Convert.ToBase64String(mac);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>RFC 3986 over UTF-8: <c>A–Z a–z 0–9 - _ . ~</c> kept, everything else <c>%XX</c> (upper-case hex).</summary>
    public static void PercentEncode(StringBuilder text, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = max <= 512 ? null : ArrayPool<byte>.Shared.Rent(max);
        Span<byte> bytes = rented ?? stackalloc byte[512];
        var length = Encoding.UTF8.GetBytes(value, bytes);
        foreach (var b in bytes[..length])
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
