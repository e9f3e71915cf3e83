using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Tenants;

/// <summary>
/// Turns a presented key into a <see cref="Caller"/>. Known keys are cached briefly so that the hot paths (send,
/// check) cost no database round trip for authentication; a deleted key is evicted at once on every node
/// (<see cref="ClusterCache"/>), or, on a node cut off from Redis at that moment, within <see cref="CacheFor"/>.
/// </summary>
public sealed class CallerResolver(IMemoryCache cache, ClusterCache cluster, IOptions<OperatorOptions> operatorOptions)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>The id under which the configured operator key acts (it has no database row).</summary>
    public static readonly Guid ConfiguredOperatorKeyId = Guid.Empty;

    private readonly byte[]? _configuredOperatorHash =
        string.IsNullOrEmpty(operatorOptions.Value.ApiKey) ? null : ApiKeySecrets.Hash(operatorOptions.Value.ApiKey);

    public async ValueTask<Caller?> ResolveAsync(string key, AppDbContext db, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecrets.Hash(key);
        if (_configuredOperatorHash is not null && CryptographicOperations.FixedTimeEquals(hash, _configuredOperatorHash))
        {
            return new Caller(ConfiguredOperatorKeyId, null, TenantMode.Sandbox, OperatorOptions.AdminRole);
        }
        var cacheKey = CacheKey(hash);
        if (cache.TryGetValue(cacheKey, out Caller? cached))
        {
            return cached;
        }
        var caller = await (
                from k in db.ApiKeys
                where k.Hash == hash
                join t in db.Tenants on k.TenantId equals t.Id into tenants
                from t in tenants.DefaultIfEmpty()
                select new Caller(k.Id, k.TenantId, t == null ? TenantMode.Sandbox : t.Mode, k.Role))
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        if (caller is not null)
        {
            cache.Set(cacheKey, caller, CacheFor);
        }
        return caller;
    }

    public void Forget(byte[] hash) => cluster.Forget(CacheKey(hash));

    private static string CacheKey(byte[] hash) => "apikey:" + Convert.ToHexString(hash);
}
