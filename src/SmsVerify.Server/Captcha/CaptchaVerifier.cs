using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Captcha;

/// <summary>
/// Checks a solved challenge and spends it. Everything but the spend is arithmetic on the payload, so invalid
/// payloads cost no store round trip; the spend is one atomic claim in the limits store, shared by every node.
/// </summary>
public sealed partial class CaptchaVerifier(CaptchaSigner signer, ILimitStore store, TimeProvider clock, ILogger<CaptchaVerifier> logger)
{
    // A spent challenge is remembered past its expiry by this much, so that a node whose clock runs behind the
    // store's cannot see it as unexpired and unspent.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public async ValueTask<CaptchaVerdict> VerifyAsync(Guid tenantId, string? payloadBase64, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (verdict, payload, expires) = Check(tenantId, payloadBase64, now);
        if (verdict == CaptchaVerdict.Valid
            && !await store.TryClaimAsync("captcha:" + payload!.Challenge, expires - now + ClockSkew, now, cancellationToken))
        {
            verdict = CaptchaVerdict.Reused;
        }
        if (verdict != CaptchaVerdict.Valid)
        {
            Log.Rejected(logger, tenantId, verdict);
        }
        return verdict;
    }

    private (CaptchaVerdict, CaptchaPayload?, DateTimeOffset) Check(Guid tenantId, string? payloadBase64, DateTimeOffset now)
    {
        if (CaptchaPayload.TryParse(payloadBase64) is not { } payload || !TryReadSalt(payload.Salt!, out var expires, out var tenant))
        {
            return (CaptchaVerdict.Malformed, null, default);
        }
        if (payload.Algorithm != CaptchaSigner.Algorithm)
        {
            return (CaptchaVerdict.WrongAlgorithm, null, default);
        }
        var challenge = payload.Challenge!;
        if (!TryFromHex(payload.Signature!, out var signature) || !signer.IsSigned(challenge, signature))
        {
            return (CaptchaVerdict.BadSignature, null, default);
        }
        // The signature covers the challenge, and the challenge the salt and number: from here the salt is ours.
        if (!TryFromHex(challenge, out var expected) || !CryptographicOperations.FixedTimeEquals(expected, CaptchaSigner.Hash(payload.Salt!, payload.Number!.Value)))
        {
            return (CaptchaVerdict.WrongNumber, null, default);
        }
        if (tenant != tenantId)
        {
            return (CaptchaVerdict.OtherTenant, null, default);
        }
        return now >= expires ? (CaptchaVerdict.Expired, null, default) : (CaptchaVerdict.Valid, payload, expires);
    }

    /// <summary>Reads the expiry and tenant from <c>random?expires=…&amp;tenant=…&amp;</c>, in any order.</summary>
    private static bool TryReadSalt(string salt, out DateTimeOffset expires, out Guid tenant)
    {
        expires = default;
        tenant = default;
        var query = salt.IndexOf('?', StringComparison.Ordinal);
        if (query < 0 || !salt.EndsWith('&'))
        {
            return false;
        }
        var parameters = QueryHelpers.ParseQuery(salt[query..]);
        if (!parameters.TryGetValue(CaptchaSigner.ExpiresParameter, out var expiresText) || expiresText.Count != 1
            || !long.TryParse(expiresText[0], NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || unix > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }
        expires = DateTimeOffset.FromUnixTimeSeconds(unix);
        return parameters.TryGetValue(CaptchaSigner.TenantParameter, out var tenantText) && tenantText.Count == 1
            && Guid.TryParseExact(tenantText[0], "N", out tenant);
    }

    // SHA-256 and its HMAC are 32 bytes, 64 hex digits; anything else cannot match.
    private static bool TryFromHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length != 64)
        {
            return false;
        }
        bytes = new byte[32];
        return Convert.FromHexString(hex, bytes, out _, out _) == System.Buffers.OperationStatus.Done;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Captcha for tenant {TenantId} refused: {Verdict}")]
        public static partial void Rejected(ILogger logger, Guid tenantId, CaptchaVerdict verdict);
    }
}
