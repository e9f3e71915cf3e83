using StackExchange.Redis;

namespace SmsVerify.Server.Limits;

internal sealed partial class RedisLimitStore
{
    /// <summary><c>SET key 1 NX PX lifetime</c>: one command, so atomic on every node; Redis expires the claim.</summary>
    public async ValueTask<bool> TryClaimAsync(string key, TimeSpan lifetime, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        // Redis counts whole milliseconds; rounding down could ask for none, which it refuses.
        var milliseconds = Math.Max(1, (long)Math.Ceiling(lifetime.TotalMilliseconds));
        try
        {
            return await redis.GetDatabase().StringSetAsync(keyPrefix + key, 1, TimeSpan.FromMilliseconds(milliseconds), When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new LimitStoreUnavailableException(e);
        }
    }
}
