using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>The parts of a TC3 <c>Authorization</c> header: <c>TC3-HMAC-SHA256 Credential=id/date/service/tc3_request, SignedHeaders=a;b, Signature=hex</c>.</summary>
internal sealed record Tc3Authorization(string KeyId, string Date, string Service, string[] SignedHeaders, string Signature)
{
    public const string Algorithm = "TC3-HMAC-SHA256";

    /// <summary>Real headers are about 200 characters; no more than a few headers are ever signed.</summary>
    public const int MaxLength = 1024;
    public const int MaxSignedHeaders = 16;

    public string Scope => $"{Date}/{Service}/tc3_request";

    public static Tc3Authorization? Parse(string? header)
    {
        if (header is null || header.Length > MaxLength || !header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }
        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = eq < 0 ? (part, "") : (part[..eq], part[(eq + 1)..]);
            _ = name switch
            {
                "Credential" => credential = value,
                "SignedHeaders" => signedHeaders = value,
                "Signature" => signature = value,
                _ => null,
            };
        }
        var scope = credential?.Split('/');
        var headers = signedHeaders?.Split(';');
        return scope is [var id, var date, var service, "tc3_request"] && id.Length > 0 && service.Length > 0
            && headers is { Length: > 0 and <= MaxSignedHeaders } && signature is { Length: 64 }
            ? new Tc3Authorization(id, date, service, headers, signature)
            : null;
    }
}

/// <summary>
/// Tencent Cloud's two signing schemes (cloud.tencent.com/document/api/382/52072 and /52073): TC3-HMAC-SHA256,
/// and the older HmacSHA256/HmacSHA1 over the sorted parameters. Pure functions: the request is read by
/// <see cref="TencentAuthentication"/>.
/// </summary>
internal static class TencentSignatures
{
    /// <summary>TC3 canonical request: method, <c>/</c>, the raw query (GET), the signed headers as <c>name:value\n</c>, their names, the body's sha256.</summary>
    public static string CanonicalRequest(string method, string query, IEnumerable<(string Name, string Value)> headers, string signedHeaders, ReadOnlySpan<byte> body)
    {
        var canonical = new StringBuilder();
        canonical.Append(method).Append("\n/\n").Append(query).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }
        return canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Hex(SHA256.HashData(body))).ToString();
    }

    /// <summary>The hex TC3 signature of <paramref name="canonicalRequest"/> under the key derived from date and service.</summary>
    public static string Tc3(string secret, Tc3Authorization authorization, string timestamp, string canonicalRequest)
    {
        var stringToSign = $"{Tc3Authorization.Algorithm}\n{timestamp}\n{authorization.Scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + secret), Encoding.UTF8.GetBytes(authorization.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(authorization.Service));
        key = HMACSHA256.HashData(key, "tc3_request"u8);
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>
    /// The older scheme: <c>METHOD + host + "/?" + k=v&amp;…</c>, keys sorted, values decoded and not encoded again,
    /// <c>Signature</c> left out; base64 of its HMAC (SHA-1 unless <c>SignatureMethod</c> says HmacSHA256).
    /// </summary>
    public static string Legacy(string secret, string signatureMethod, string method, string host, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var text = new StringBuilder(method).Append(host).Append("/?");
        var first = true;
        foreach (var (name, value) in parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(first ? "" : "&").Append(name).Append('=').Append(value);
            first = false;
        }
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes(text.ToString());
        return Convert.ToBase64String(signatureMethod == "HmacSHA256" ? HMACSHA256.HashData(key, data) : HMACSHA1.HashData(key, data));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
