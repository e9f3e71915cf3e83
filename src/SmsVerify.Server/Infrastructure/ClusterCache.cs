using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace SmsVerify.Server.Infrastructure;

/// <summary>
/// Forgets a cached setting on every node: on this one at once, and on the others through Redis pub/sub when the
/// nodes share a Redis (<c>ConnectionStrings:Redis</c>), within milliseconds instead of when their copies age out.
/// Without Redis there is one node, and forgetting here is all there is. The one way to forget what another node
/// may also hold: a revoked key, a suspended tenant, a changed rule.
/// </summary>
/// <remarks>
/// Pub/sub delivers at most once: a node cut off from Redis when a change is published misses it, and keeps its
/// copy until it ages out (at most each cache's lifetime, 30 s for keys and suspensions), as before.
/// </remarks>
public sealed partial class ClusterCache : IHostedService
{
    private const string TenantEntry = "t";
    private const string KeyEntry = "k";

    private readonly IMemoryCache _cache;
    private readonly ISubscriber? _subscriber;
    private readonly RedisChannel _channel;
    private readonly ILogger<ClusterCache> _logger;

    public ClusterCache(IMemoryCache cache, IConfiguration configuration, ILogger<ClusterCache> logger, IConnectionMultiplexer? redis = null)
    {
        _cache = cache;
        _logger = logger;
        _subscriber = redis?.GetSubscriber();
        // Under the limits' key prefix, so that servers sharing one Redis for different stores (tests) stay apart.
        _channel = RedisChannel.Literal((configuration["Limits:KeyPrefix"] ?? "smsverify:") + "cache-forget");
    }

    /// <summary>Forgets the tenant's cached <paramref name="kind"/> (see <see cref="TenantCache"/>) on every node.</summary>
    public void ForgetTenant(string kind, Guid tenantId)
    {
        _cache.Remove(TenantCache.KeyOf(kind, tenantId));
        Publish($"{TenantEntry}\n{kind}\n{tenantId:N}");
    }

    /// <summary>Forgets the entry cached under the string <paramref name="key"/> on every node.</summary>
    public void Forget(string key)
    {
        _cache.Remove(key);
        Publish($"{KeyEntry}\n{key}");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_subscriber is not null)
        {
            // While Redis is down this fails; the multiplexer subscribes again by itself once it reconnects.
            try
            {
                await _subscriber.SubscribeAsync(_channel, (_, message) => Apply(message));
            }
            catch (RedisException e)
            {
                Log.SubscribeFailed(_logger, e);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _subscriber is null ? Task.CompletedTask : _subscriber.UnsubscribeAsync(_channel);

    private void Publish(string message)
    {
        if (_subscriber is null)
        {
            return;
        }
        try
        {
            _subscriber.Publish(_channel, message, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            // The change is stored; other nodes see it when their copies age out.
            Log.PublishFailed(_logger, e);
        }
    }

    /// <summary>Applies a forget another node (or this one) published; anything malformed is ignored.</summary>
    private void Apply(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split('\n');
        if (parts is [TenantEntry, var kind, var id] && Guid.TryParseExact(id, "N", out var tenantId))
        {
            _cache.Remove(TenantCache.KeyOf(kind, tenantId));
        }
        else if (parts is [KeyEntry, var key])
        {
            _cache.Remove(key);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Subscribing to other nodes' cache changes failed; it is retried when Redis is back.")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "Telling other nodes to forget a cached setting failed; their copies age out instead.")]
        public static partial void PublishFailed(ILogger logger, Exception exception);
    }
}
