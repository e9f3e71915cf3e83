using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Captcha;

/// <summary>Issues challenges and holds the hashing and signing both directions of the protocol share.</summary>
public sealed class CaptchaSigner(ServerKeys keys, IOptions<CaptchaOptions> options, TimeProvider clock)
{
    /// <summary>The one algorithm issued and accepted; the widget also knows SHA-1 and SHA-512, which we never ask for.</summary>
    public const string Algorithm = "SHA-256";

    public const string ExpiresParameter = "expires";
    public const string TenantParameter = "tenant";

    // ALTCHA libraries take the HMAC key as a string and use its UTF-8 bytes. Keying with the hex form of the
    // derived key lets any of them (altcha-lib in the interop test) check our signatures with the same key.
    private byte[][]? _hmacKeys;

    internal string HmacKeyText => Convert.ToHexStringLower(keys.Captcha.Current);

    /// <summary>The current key first; older ones verify challenges issued before a master key rotation.</summary>
    private byte[][] HmacKeys => _hmacKeys ??= keys.Captcha.All.ToArray().Select(key => Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key))).ToArray();

    public CaptchaChallenge Issue(Guid tenantId)
    {
        var maxNumber = options.Value.MaxNumber;
        var expires = clock.GetUtcNow().AddSeconds(options.Value.ExpirySeconds).ToUnixTimeSeconds();
        // The trailing '&' ends the salt where the number begins: without it "…&tenant=…1" + "23" and
        // "…&tenant=…12" + "3" would hash alike, and a solver could move digits between the two.
        var salt = string.Create(CultureInfo.InvariantCulture,
            $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}?{ExpiresParameter}={expires}&{TenantParameter}={tenantId:N}&");
        var challenge = Convert.ToHexStringLower(Hash(salt, RandomNumberGenerator.GetInt32(maxNumber + 1)));
        return new CaptchaChallenge(Algorithm, challenge, maxNumber, salt, Convert.ToHexStringLower(Sign(challenge)));
    }

    /// <summary>SHA-256 of the salt followed by the number in decimal, as the widget computes it.</summary>
    public static byte[] Hash(string salt, long number) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(salt + number.ToString(CultureInfo.InvariantCulture)));

    /// <summary>HMAC-SHA256 of the challenge's hex text.</summary>
    public byte[] Sign(string challenge) => HMACSHA256.HashData(HmacKeys[0], Encoding.UTF8.GetBytes(challenge));

    /// <summary>Whether <paramref name="signature"/> is ours, compared in constant time under every known key.</summary>
    public bool IsSigned(string challenge, ReadOnlySpan<byte> signature)
    {
        var text = Encoding.UTF8.GetBytes(challenge);
        var signed = false;
        foreach (var key in HmacKeys)
        {
            signed |= CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, text));
        }
        return signed;
    }
}
