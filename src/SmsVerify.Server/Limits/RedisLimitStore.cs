using System.Globalization;
using StackExchange.Redis;

namespace SmsVerify.Server.Limits;

/// <summary>
/// Limits shared by every node: each key is a sorted set of hit times, and one Lua script trims every key, checks
/// every window of every key and only then records the hit on each, so an acquire is one atomic round trip.
/// </summary>
/// <remarks>
/// A script may only touch keys in one hash slot on Redis Cluster. The keys of one acquire (tenant, number,
/// bucket values) do not share a slot, so a cluster would need them to carry one hash tag, such as
/// <c>{number}</c>, and lose the platform-wide view; one Redis instance (with a replica) is what this is for.
/// </remarks>
internal sealed partial class RedisLimitStore(IConnectionMultiplexer redis, string keyPrefix) : ILimitStore
{
    // ARGV: now (ms), a unique member, whether a raised signal refuses (1/0), then per key: its use (c count,
    // k check, s signal), its number of windows, and max and length (ms) per window. Returns the 0-based index of
    // the refusing key (-1 when every key was counted), the index of its window that frees up last, the ms until
    // it does, and the mask of raised signals.
    private const string Script = """
        local now = tonumber(ARGV[1])
        local refuseWhenRaised = ARGV[3] == '1'
        local refused, refusedWindow, wait, raised = -1, -1, 0, 0
        local plans = {}
        local a = 4
        for k = 1, #KEYS do
          local key, use, n = KEYS[k], ARGV[a], tonumber(ARGV[a + 1])
          local first, last = a + 2, a + 2 * n
          local longest, keep = 0, 0
          for i = first, last, 2 do
            longest = math.max(longest, tonumber(ARGV[i + 1]))
            keep = math.max(keep, tonumber(ARGV[i]))
          end
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - longest)
          local isRaised = false
          for i = first, last, 2 do
            local max, length = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
            local inWindow = redis.call('ZCOUNT', key, '(' .. (now - length), '+inf')
            if use == 's' then
              if inWindow + 1 >= max and not isRaised then
                isRaised = true
                raised = raised + 2 ^ (k - 1)
                if refuseWhenRaised and refused < 0 then refused, refusedWindow, wait = k - 1, (i - first) / 2, 0 end
              end
            elseif inWindow >= max then
              local blocking = redis.call('ZRANGEBYSCORE', key, '(' .. (now - length), '+inf', 'WITHSCORES', 'LIMIT', inWindow - max, 1)
              local w = tonumber(blocking[2]) + length - now
              if refused < 0 or (refused == k - 1 and w > wait) then refused, refusedWindow, wait = k - 1, (i - first) / 2, w end
            end
          end
          plans[k] = {use, longest, keep}
          a = last + 2
        end
        if refused >= 0 then return {refused, refusedWindow, wait, raised} end
        for k = 1, #KEYS do
          local plan = plans[k]
          if plan[1] ~= 'k' then
            redis.call('ZADD', KEYS[k], now, ARGV[2])
            redis.call('ZREMRANGEBYRANK', KEYS[k], 0, -(plan[3] + 1))
            redis.call('PEXPIRE', KEYS[k], plan[2])
          end
        end
        return {-1, -1, 0, raised}
        """;

    private static readonly string NodeId = Guid.NewGuid().ToString("N")[..8];
    private static long _sequence;

    public async ValueTask<LimitDecision> TryAcquireAsync(string key, ReadOnlyMemory<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var decision = await TryAcquireAllAsync(new[] { new LimitRequest(key, windows) }, false, now, cancellationToken);
        return decision.Allowed ? LimitDecision.Allow : LimitDecision.Refuse(decision.Window, decision.RetryAfter);
    }

    public async ValueTask<MultiLimitDecision> TryAcquireAllAsync(
        ReadOnlyMemory<LimitRequest> requests, bool refuseWhenRaised, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requests.Length, MultiLimitDecision.MaxRequests);
        var (keys, args) = Arguments(requests.Span, refuseWhenRaised, now);
        RedisResult result;
        try
        {
            result = await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, args);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new LimitStoreUnavailableException(e);
        }
        var reply = (RedisResult[])result!;
        var (index, window, raised) = ((int)reply[0], (int)reply[1], (long)reply[3]);
        return index < 0
            ? MultiLimitDecision.Allow(raised)
            : new MultiLimitDecision(index, requests.Span[index].Windows.Span[window], TimeSpan.FromMilliseconds((long)reply[2]), raised);
    }

    private (RedisKey[] Keys, RedisValue[] Args) Arguments(ReadOnlySpan<LimitRequest> requests, bool refuseWhenRaised, DateTimeOffset now)
    {
        var keys = new RedisKey[requests.Length];
        var count = 3;
        foreach (var request in requests)
        {
            count += 2 + request.Windows.Length * 2;
        }
        var args = new RedisValue[count];
        var nowMs = now.ToUnixTimeMilliseconds();
        args[0] = nowMs;
        // Two hits in the same millisecond must both count, so members carry a node-unique sequence number.
        args[1] = string.Create(CultureInfo.InvariantCulture, $"{nowMs}:{NodeId}:{Interlocked.Increment(ref _sequence)}");
        args[2] = refuseWhenRaised ? 1 : 0;
        var a = 3;
        for (var k = 0; k < requests.Length; k++)
        {
            keys[k] = keyPrefix + requests[k].Key;
            args[a++] = requests[k].Use switch { LimitUse.Check => "k", LimitUse.Signal => "s", _ => "c" };
            args[a++] = requests[k].Windows.Length;
            foreach (var window in requests[k].Windows.Span)
            {
                args[a++] = window.Max;
                args[a++] = (long)window.Length.TotalMilliseconds;
            }
        }
        return (keys, args);
    }

    public async ValueTask<int[]> CountAsync(string key, ReadOnlyMemory<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        try
        {
            var database = redis.GetDatabase();
            var counts = new Task<long>[windows.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                // The same window the script counts: hit times after now − length.
                counts[i] = database.SortedSetLengthAsync(keyPrefix + key, nowMs - (long)windows.Span[i].Length.TotalMilliseconds, double.PositiveInfinity, Exclude.Start);
            }
            return [.. (await Task.WhenAll(counts)).Select(c => (int)c)];
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new LimitStoreUnavailableException(e);
        }
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

/// <summary>The limits store did not answer. Sends fall back to the per-node budget; checks answer 503.</summary>
public sealed class LimitStoreUnavailableException(Exception inner) : Exception("The limits store is unavailable.", inner);
