using System.Globalization;
using Microsoft.Extensions.Primitives;
using SmsVerify.Server.Compat.Credentials;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>An authenticated call: who makes it, the action it names, and its parameters.</summary>
internal sealed record TencentCall(VendorCaller Caller, string Action, TencentParameters Parameters);

/// <summary>
/// Checks a request signed either way Tencent's SDKs sign: TC3-HMAC-SHA256 (the <c>Authorization</c> header) or
/// the older HmacSHA256/HmacSHA1 (<c>Signature</c> among the parameters). Both refuse a timestamp more than five
/// minutes off, as Tencent does, and a request seen before: TC3 has no nonce, so the signature of a call that changes
/// something (a send, an edit) is spent once, while reads (<c>Pull…</c>, <c>Describe…</c>) may repeat, since two
/// identical polls in one second carry the same signature; the older scheme spends its <c>Nonce</c> with its
/// <c>Timestamp</c>. A failed check against a real credential is counted.
/// </summary>
internal sealed class TencentAuthentication(VendorCredentials credentials, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    // A timestamp may be up to Window either side of now, so a request stays replayable for twice that.
    private static readonly TimeSpan SpendFor = 2 * Window;

    public async Task<TencentCall> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.Headers.TryGetValue("X-TC-Action", out var action)
            ? await Tc3Async(request, action.ToString(), cancellationToken)
            : await LegacyAsync(request, await TencentApi.FlatParametersAsync(request), cancellationToken);

    private async Task<TencentCall> Tc3Async(HttpRequest request, string action, CancellationToken cancellationToken)
    {
        var authorization = Tc3Authorization.Parse(request.Headers.Authorization.ToString())
            ?? throw new TencentException(TencentCodes.InvalidAuthorization, "The Authorization header is not a TC3-HMAC-SHA256 authorization.");
        var caller = await FindAsync(authorization.KeyId, cancellationToken);
        var timestamp = request.Headers["X-TC-Timestamp"].ToString();
        var signedAt = await CheckTimestampAsync(caller, timestamp, cancellationToken);
        if (authorization.Date != signedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        {
            await FailAsync(caller, TencentCodes.SignatureFailure, "The credential scope's date is not the UTC date of X-TC-Timestamp.", cancellationToken);
        }
        var body = await ReadBodyAsync(request, cancellationToken);
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var signedHeaders = string.Join(';', authorization.SignedHeaders);
        var matched = false;
        // The Node SDK signs the host without its port while it sends it with; other SDKs sign what they send.
        foreach (var host in HostsAsSigned(request))
        {
            var headers = authorization.SignedHeaders.Select(name => (name, name == "host" ? host : request.Headers[name].ToString().Trim().ToLowerInvariant()));
            var canonical = TencentSignatures.CanonicalRequest(request.Method, query, headers, signedHeaders, body);
            matched |= VendorCredentials.Matches(TencentSignatures.Tc3(caller.Secret, authorization, timestamp, canonical), authorization.Signature);
        }
        if (!matched)
        {
            await FailAsync(caller, TencentCodes.SignatureFailure, "The signature does not match: check the SecretKey and what was signed.", cancellationToken);
        }
        if (!IsRead(action))
        {
            await SpendAsync(caller, "tc3:" + authorization.Signature, cancellationToken);
        }
        var parameters = request.Method == HttpMethods.Get ? TencentParameters.FromFlat(await TencentApi.FlatParametersAsync(request)) : Json(body);
        return new TencentCall(caller, action, parameters);
    }

    private async Task<TencentCall> LegacyAsync(HttpRequest request, IReadOnlyDictionary<string, StringValues> flat, CancellationToken cancellationToken)
    {
        string Get(string name) => flat.TryGetValue(name, out var value) ? value.ToString() : "";
        var caller = await FindAsync(Get("SecretId"), cancellationToken);
        var timestamp = Get("Timestamp");
        await CheckTimestampAsync(caller, timestamp, cancellationToken);
        var method = Get("SignatureMethod") is "" ? "HmacSHA1" : Get("SignatureMethod");
        if (method is not ("HmacSHA1" or "HmacSHA256"))
        {
            await FailAsync(caller, TencentCodes.SignatureFailure, "SignatureMethod is HmacSHA1 or HmacSHA256.", cancellationToken);
        }
        var parameters = flat.Select(p => KeyValuePair.Create(p.Key, p.Value.ToString())).ToList();
        var matched = false;
        foreach (var host in HostsAsSigned(request))
        {
            matched |= VendorCredentials.Matches(TencentSignatures.Legacy(caller.Secret, method, request.Method, host, parameters), Get("Signature"));
        }
        if (!matched)
        {
            await FailAsync(caller, TencentCodes.SignatureFailure, "The signature does not match: check the SecretKey and what was signed.", cancellationToken);
        }
        var nonce = Get("Nonce");
        if (nonce.Length is 0 or > 64)
        {
            await FailAsync(caller, TencentCodes.SignatureFailure, "Nonce is required with this signature method (a positive integer).", cancellationToken);
        }
        await SpendAsync(caller, $"nonce:{nonce}:{timestamp}", cancellationToken);
        return new TencentCall(caller, Get("Action"), TencentParameters.FromFlat(flat));
    }

    private static bool IsRead(string action) =>
        action.StartsWith("Pull", StringComparison.Ordinal) || action.StartsWith("Describe", StringComparison.Ordinal);

    private async Task<VendorCaller> FindAsync(string keyId, CancellationToken cancellationToken) =>
        await credentials.FindAsync(Vendor.Tencent, keyId, cancellationToken)
            ?? throw new TencentException(TencentCodes.SecretIdNotFound, "No Tencent credential in force has this SecretId.");

    private async Task<DateTimeOffset> CheckTimestampAsync(VendorCaller caller, string timestamp, CancellationToken cancellationToken)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 100_000_000_000)
        {
            await FailAsync(caller, TencentCodes.SignatureFailure, "The timestamp is not UNIX seconds.", cancellationToken);
        }
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((clock.GetUtcNow() - signedAt).Duration() > Window)
        {
            await FailAsync(caller, TencentCodes.SignatureExpire,
                $"The request was signed at {signedAt:O}, more than {Window.TotalMinutes:0} minutes from the server's time {clock.GetUtcNow():O}.", cancellationToken);
        }
        return signedAt;
    }

    private async Task SpendAsync(VendorCaller caller, string nonce, CancellationToken cancellationToken)
    {
        if (!await credentials.SpendNonceAsync(caller, nonce, SpendFor, cancellationToken))
        {
            await FailAsync(caller, TencentCodes.SignatureFailure, "This signed request was received before: a request is accepted once (sign it again).", cancellationToken);
        }
    }

    private async Task FailAsync(VendorCaller caller, string code, string message, CancellationToken cancellationToken)
    {
        await credentials.RecordFailureAsync(caller, cancellationToken);
        throw new TencentException(code, message);
    }

    /// <summary>The Host header as sent, then without its port.</summary>
    private static IEnumerable<string> HostsAsSigned(HttpRequest request)
    {
        var sent = request.Host.Value ?? "";
        yield return sent.ToLowerInvariant();
        if (request.Host.Port is not null)
        {
            yield return request.Host.Host.ToLowerInvariant();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.Body.Position = 0;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        request.Body.Position = 0;
        return buffer.ToArray();
    }

    private static TencentParameters Json(byte[] body)
    {
        try
        {
            if (body.Length == 0)
            {
                return TencentParameters.FromJson(default);
            }
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return TencentParameters.FromJson(json.RootElement.Clone());
        }
        catch (System.Text.Json.JsonException)
        {
            throw new TencentException(TencentCodes.InvalidParameter, "The body is not JSON.");
        }
    }
}
