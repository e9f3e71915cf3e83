using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Limits;

/// <summary>
/// Tenants' rate-limit keys and their windows, read by sends that carry <c>rateLimits</c>, so kept in memory: a
/// hit costs no database round trip and no await. A change is forgotten at once on the node that made it and
/// ages out on the others within <see cref="LimitsOptions.RuleCacheSeconds"/>.
/// </summary>
public sealed class RateLimitRules(IMemoryCache cache, IOptions<LimitsOptions> options)
{
    public const int MaxKeys = 10, MaxBuckets = 5, MaxKeyLength = 32, MaxValueLength = 128;
    public const int MaxBucketMax = 1_000_000, MaxIntervalSeconds = 86400;

    public ValueTask<FrozenDictionary<string, RateWindow[]>> GetAsync(Guid tenantId, AppDbContext db, CancellationToken cancellationToken)
    {
        return cache.TryGetValue(CacheKey(tenantId), out FrozenDictionary<string, RateWindow[]>? cached)
            ? ValueTask.FromResult(cached!)
            : ReadAsync();

        async ValueTask<FrozenDictionary<string, RateWindow[]>> ReadAsync()
        {
            var rules = await db.RateLimitRules.AsNoTracking().Where(r => r.TenantId == tenantId).ToListAsync(cancellationToken);
            // Shortest first, so a refusal names the tightest full bucket.
            var windows = rules.ToFrozenDictionary(r => r.Key, r => r.Buckets.Select(b => b.ToWindow()).OrderBy(w => w.Length).ToArray(), StringComparer.Ordinal);
            if (options.Value.RuleCacheSeconds > 0)
            {
                cache.Set(CacheKey(tenantId), windows, TimeSpan.FromSeconds(options.Value.RuleCacheSeconds));
            }
            return windows;
        }
    }

    public void Forget(Guid tenantId) => cache.Remove(CacheKey(tenantId));

    /// <summary>A short identifier: a letter, then letters, digits or underscores (<c>endUserIp</c>, <c>device_id</c>).</summary>
    public static bool IsKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && char.IsAsciiLetter(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string CacheKey(Guid tenantId) => "rate-limits:" + tenantId.ToString("N");
}
