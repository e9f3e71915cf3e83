using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Limits;

/// <summary>
/// Tenants' rate-limit keys and their windows, read by sends that carry <c>rateLimits</c>, so kept in memory: a
/// hit costs no database round trip and no await. A change is forgotten at once on every node (<see cref="ClusterCache"/>).
/// </summary>
public sealed class RateLimitRules(IMemoryCache cache, ClusterCache cluster, IOptions<LimitsOptions> options)
{
    public const int MaxKeys = 10, MaxBuckets = 5, MaxKeyLength = 32, MaxValueLength = 128;
    public const int MaxBucketMax = 1_000_000, MaxIntervalSeconds = 86400;

    private const string Kind = "rate-limits";

    public ValueTask<FrozenDictionary<string, RateWindow[]>> GetAsync(Guid tenantId, AppDbContext db, CancellationToken cancellationToken) =>
        cache.GetOrReadAsync(Kind, tenantId, TimeSpan.FromSeconds(options.Value.RuleCacheSeconds), (db, tenantId, cancellationToken), static async s =>
        {
            var rules = await s.db.RateLimitRules.AsNoTracking().Where(r => r.TenantId == s.tenantId).ToListAsync(s.cancellationToken);
            // Shortest first, so a refusal names the tightest full bucket.
            return rules.ToFrozenDictionary(r => r.Key, r => r.Buckets.Select(b => b.ToWindow()).OrderBy(w => w.Length).ToArray(), StringComparer.Ordinal);
        });

    public void Forget(Guid tenantId) => cluster.ForgetTenant(Kind, tenantId);

    /// <summary>A short identifier: a letter, then letters, digits or underscores (<c>endUserIp</c>, <c>device_id</c>).</summary>
    public static bool IsKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && char.IsAsciiLetter(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
