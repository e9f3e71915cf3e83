using System.Globalization;
using System.Text;
using SmsVerify.Server.Compat.Credentials;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// Who signed a Dysmsapi request, checked in Alibaba's order and answered with its codes: the AccessKeyId in force,
/// the signature (ACS3-HMAC-SHA256 from the Authorization header, or RPC v1 HMAC-SHA1 from <c>Signature</c>), the
/// timestamp within 15 minutes of the server's clock, and the nonce not seen before. A request that names a
/// credential and fails a check is counted against it.
/// </summary>
internal sealed class AlibabaAuthentication(VendorCredentials credentials, TimeProvider clock)
{
    /// <summary>How far a request's signed time may be from ours, either way (Alibaba's tolerance).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'"];

    public async Task<(VendorCaller? Caller, AlibabaError? Error)> AuthenticateAsync(AlibabaRequest request, CancellationToken cancellationToken)
    {
        var headers = request.Http.Headers;
        var acs3 = headers.Authorization.ToString();
        var signed = acs3.Length > 0 ? Acs3.Parse(acs3) : null;
        var keyId = acs3.Length > 0 ? signed?.Credential : request["AccessKeyId"];
        if (acs3.Length > 0 && signed is null)
        {
            return (null, AlibabaError.IncompleteSignature);
        }
        if (string.IsNullOrEmpty(keyId))
        {
            return (null, AlibabaError.Missing("AccessKeyId"));
        }
        var timestampText = signed is not null ? headers["x-acs-date"].ToString() : request["Timestamp"];
        var nonce = signed is not null ? headers["x-acs-signature-nonce"].ToString() : request["SignatureNonce"];
        if (string.IsNullOrEmpty(nonce))
        {
            return (null, AlibabaError.Missing("SignatureNonce"));
        }
        if (!DateTimeOffset.TryParseExact(timestampText, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return (null, string.IsNullOrEmpty(timestampText) ? AlibabaError.Missing("Timestamp") : AlibabaError.TimestampFormat);
        }
        if (signed is null && (request["SignatureMethod"] != "HMAC-SHA1" || request["SignatureVersion"] is not (null or "1.0")))
        {
            return (null, AlibabaError.UnsupportedSignatureMethod);
        }
        if (await credentials.FindAsync(Vendor.Alibaba, keyId, cancellationToken) is not { } caller)
        {
            return (null, AlibabaError.AccessKeyNotFound);
        }
        var failure = !(signed is not null ? Acs3Matches(request, signed, caller.Secret) : RpcMatches(request, caller.Secret)) ? AlibabaError.SignatureDoesNotMatch
            : (clock.GetUtcNow() - timestamp).Duration() > Window ? AlibabaError.TimestampExpired
            // Remembered for twice the window: a request stays acceptable for up to that long after the first use.
            : !await credentials.SpendNonceAsync(caller, nonce, 2 * Window, cancellationToken) ? AlibabaError.NonceUsed
            : null;
        if (failure is not null)
        {
            await credentials.RecordFailureAsync(caller, cancellationToken);
            return (null, failure);
        }
        return (caller, null);
    }

    private static bool Acs3Matches(AlibabaRequest request, Acs3 signed, string secret)
    {
        var http = request.Http;
        var payloadHash = http.Headers["x-acs-content-sha256"].ToString();
        if (payloadHash != AlibabaSigning.Sha256Hex(request.Body))
        {
            return false;
        }
        var canonical = new StringBuilder(512).Append(http.Method).Append('\n').Append(http.Path.HasValue ? http.Path.Value : "/").Append('\n')
            .Append(AlibabaSigning.CanonicalQuery(AlibabaRequest.Pairs(http.Query))).Append('\n');
        foreach (var name in signed.SignedHeaders.Split(';'))
        {
            canonical.Append(name).Append(':').Append(http.Headers[name].ToString().Trim()).Append('\n');
        }
        canonical.Append('\n').Append(signed.SignedHeaders).Append('\n').Append(payloadHash);
        return VendorCredentials.Matches(AlibabaSigning.Acs3Signature(secret, canonical.ToString()), signed.Signature);
    }

    private static bool RpcMatches(AlibabaRequest request, string secret) =>
        VendorCredentials.Matches(
            AlibabaSigning.RpcSignature(secret, request.Http.Method, AlibabaSigning.CanonicalQuery(request.AllParameters(), except: "Signature")),
            request["Signature"]);

    /// <summary><c>ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex</c>, its parts; null when malformed.</summary>
    private sealed record Acs3(string Credential, string SignedHeaders, string Signature)
    {
        // The headers that make a signed request single-use and bound to its call: unsigned, they could be swapped.
        private static readonly string[] MustSign = ["host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce"];

        public static Acs3? Parse(string authorization)
        {
            if (!authorization.StartsWith(AlibabaSigning.Acs3Algorithm + " ", StringComparison.Ordinal) || authorization.Length > 2048)
            {
                return null;
            }
            string? credential = null, signedHeaders = null, signature = null;
            foreach (var part in authorization[(AlibabaSigning.Acs3Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = equals < 0 ? (part, "") : (part[..equals], part[(equals + 1)..]);
                switch (name)
                {
                    case "Credential": credential = value; break;
                    case "SignedHeaders": signedHeaders = value; break;
                    case "Signature": signature = value; break;
                }
            }
            if (credential is not { Length: > 0 } || signature is not { Length: > 0 } || signedHeaders is null)
            {
                return null;
            }
            var names = signedHeaders.Split(';');
            return MustSign.All(names.Contains) && names.All(n => n.Length > 0 && n == n.ToLowerInvariant())
                ? new Acs3(credential, signedHeaders, signature)
                : null;
        }
    }
}
