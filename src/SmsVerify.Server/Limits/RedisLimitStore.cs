using System.Globalization;
using StackExchange.Redis;

namespace SmsVerify.Server.Limits;

/// <summary>
/// Limits shared by every node: each key is a sorted set of hit times, and one Lua script trims it, checks every
/// window and records the hit, so a check-and-increment is one atomic round trip.
/// </summary>
internal sealed partial class RedisLimitStore(IConnectionMultiplexer redis, string keyPrefix) : ILimitStore
{
    // ARGV: now (ms), longest window (ms), newest hits to keep, a unique member, then max and length (ms) per window.
    // Returns -1 when the hit was counted, else the 0-based index of the full window that frees up last and the ms
    // until it does.
    private const string Script = """
        local key = KEYS[1]
        local now = tonumber(ARGV[1])
        local longest = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - longest)
        local refused, wait = -1, -1
        for i = 5, #ARGV, 2 do
          local max = tonumber(ARGV[i])
          local length = tonumber(ARGV[i + 1])
          local inWindow = redis.call('ZCOUNT', key, '(' .. (now - length), '+inf')
          if inWindow >= max then
            local blocking = redis.call('ZRANGEBYSCORE', key, '(' .. (now - length), '+inf', 'WITHSCORES', 'LIMIT', inWindow - max, 1)
            local w = tonumber(blocking[2]) + length - now
            if w > wait then refused, wait = (i - 5) / 2, w end
          end
        end
        if refused >= 0 then return {refused, wait} end
        redis.call('ZADD', key, now, ARGV[4])
        redis.call('ZREMRANGEBYRANK', key, 0, -(tonumber(ARGV[3]) + 1))
        redis.call('PEXPIRE', key, longest)
        return {-1, 0}
        """;

    private static readonly string NodeId = Guid.NewGuid().ToString("N")[..8];
    private static long _sequence;

    public async ValueTask<LimitDecision> TryAcquireAsync(string key, ReadOnlyMemory<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var args = Arguments(windows.Span, now);
        RedisResult result;
        try
        {
            result = await redis.GetDatabase().ScriptEvaluateAsync(Script, [keyPrefix + key], args);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new LimitStoreUnavailableException(e);
        }
        var reply = (RedisResult[])result!;
        var index = (int)reply[0];
        return index < 0
            ? LimitDecision.Allow
            : LimitDecision.Refuse(windows.Span[index], TimeSpan.FromMilliseconds((long)reply[1]));
    }

    private static RedisValue[] Arguments(ReadOnlySpan<RateWindow> windows, DateTimeOffset now)
    {
        var args = new RedisValue[4 + windows.Length * 2];
        long longest = 0;
        var keep = 0;
        for (var i = 0; i < windows.Length; i++)
        {
            var lengthMs = (long)windows[i].Length.TotalMilliseconds;
            longest = Math.Max(longest, lengthMs);
            keep = Math.Max(keep, windows[i].Max);
            args[4 + i * 2] = windows[i].Max;
            args[5 + i * 2] = lengthMs;
        }
        var nowMs = now.ToUnixTimeMilliseconds();
        args[0] = nowMs;
        args[1] = longest;
        args[2] = keep;
        // Two hits in the same millisecond must both count, so members carry a node-unique sequence number.
        args[3] = string.Create(CultureInfo.InvariantCulture, $"{nowMs}:{NodeId}:{Interlocked.Increment(ref _sequence)}");
        return args;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }
}

/// <summary>The limits store did not answer. Sends fail rather than go unlimited; the API answers 503.</summary>
public sealed class LimitStoreUnavailableException(Exception inner) : Exception("The limits store is unavailable.", inner);
