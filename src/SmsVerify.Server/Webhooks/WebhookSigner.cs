using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// Signs a delivery as <c>SmsVerify-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>, keyed with the
/// tenant's secret. The body carries the event id and time, so a receiver can also refuse replays.
/// </summary>
public static class WebhookSigner
{
    public const string Header = "SmsVerify-Signature";
    private const string Prefix = "sha256=";

    public static string Sign(string secret, string body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature));

    /// <summary>A new secret: 32 random bytes, printable.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
