using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Bench.Compat;

/// <summary>
/// Signs a Dysmsapi call as Alibaba's SDKs do by default (ACS3-HMAC-SHA256, docs/compat-alibaba.md): <c>POST /</c>
/// with the parameters in the query and an empty body. The client side of the server's verifier, written apart from
/// it so the bench checks the wire rather than agreeing with itself.
/// </summary>
internal static class Acs3Signer
{
    private const string Algorithm = "ACS3-HMAC-SHA256";
    private const string Version = "2017-05-25";
    private const string SignedHeaders = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
    private static readonly string EmptyBodyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    public static HttpRequestMessage Sign(string host, string accessKeyId, string secret, string action, IReadOnlyDictionary<string, string> parameters)
    {
        var query = string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var headers = new (string Name, string Value)[]
        {
            ("host", host), ("x-acs-action", action), ("x-acs-content-sha256", EmptyBodyHash), ("x-acs-date", date),
            ("x-acs-signature-nonce", nonce), ("x-acs-version", Version),
        };
        var canonical = new StringBuilder().Append("POST\n/\n").Append(query).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }
        canonical.Append('\n').Append(SignedHeaders).Append('\n').Append(EmptyBodyHash);
        var stringToSign = Algorithm + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

        var request = new HttpRequestMessage(HttpMethod.Post, "/?" + query);
        foreach (var (name, value) in headers.Where(h => h.Name != "host"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.TryAddWithoutValidation("Authorization", $"{Algorithm} Credential={accessKeyId},SignedHeaders={SignedHeaders},Signature={signature}");
        return request;
    }

    /// <summary>RFC 3986 over UTF-8: unreserved characters kept, everything else <c>%XX</c> in upper-case hex.</summary>
    private static string Encode(string value)
    {
        var text = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
