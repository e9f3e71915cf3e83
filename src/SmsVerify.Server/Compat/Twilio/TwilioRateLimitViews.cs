using System.Security.Cryptography;
using System.Text;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>A Service Rate Limit (<c>RK…</c>): one of the tenant's rate-limit keys (<c>/v1/rate-limits</c>), named by its unique name.</summary>
public sealed record TwilioRateLimitView(
    string Sid, string ServiceSid, string AccountSid, string UniqueName, string? Description, DateTime DateCreated, DateTime DateUpdated,
    string Url, IReadOnlyDictionary<string, string> Links);

/// <summary>A Bucket (<c>BL…</c>): one window of a rate-limit key, at most <c>max</c> verifications per value in <c>interval</c> seconds.</summary>
public sealed record TwilioBucketView(
    string Sid, string RateLimitSid, string ServiceSid, string AccountSid, int Max, int Interval, DateTime DateCreated, DateTime DateUpdated, string Url);

/// <summary>
/// Rate limits are the tenant's own (one set for all its services, as the native API keeps them), so their sids are
/// derived from what names them rather than stored: the key for a rate limit, the key and interval for a bucket.
/// </summary>
internal static class TwilioRateLimitSids
{
    public static string Of(Guid tenantId, string key) => "RK" + Hash($"{tenantId:N}:{key}");

    public static string Of(Guid tenantId, string key, int interval) => "BL" + Hash($"{tenantId:N}:{key}:{interval}");

    public static TwilioRateLimitView View(RateLimitRule rule, TwilioService service, string accountSid, string baseUrl)
    {
        var sid = Of(rule.TenantId, rule.Key);
        var url = $"{baseUrl}/v2/Services/{service.Sid}/RateLimits/{sid}";
        return new(sid, service.Sid, accountSid, rule.Key, null, rule.CreatedAt, rule.UpdatedAt, url,
            new Dictionary<string, string> { ["buckets"] = $"{url}/Buckets" });
    }

    public static TwilioBucketView View(RateLimitRule rule, RateLimitBucket bucket, TwilioService service, string accountSid, string baseUrl)
    {
        var rateLimitSid = Of(rule.TenantId, rule.Key);
        var sid = Of(rule.TenantId, rule.Key, bucket.IntervalSeconds);
        return new(sid, rateLimitSid, service.Sid, accountSid, bucket.Max, bucket.IntervalSeconds, rule.CreatedAt, rule.UpdatedAt,
            $"{baseUrl}/v2/Services/{service.Sid}/RateLimits/{rateLimitSid}/Buckets/{sid}");
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
