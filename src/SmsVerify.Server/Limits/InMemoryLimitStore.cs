using System.Collections.Concurrent;

namespace SmsVerify.Server.Limits;

/// <summary>
/// The embedded default: one lock per key over a short sorted array of hit times. Exact sliding windows, no
/// allocation on a hit once a key exists, and a sweep every minute drops keys whose hits are all too old to count.
/// </summary>
internal sealed partial class InMemoryLimitStore : ILimitStore, IDisposable
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, HitLog> _logs = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ITimer _sweeper;

    public InMemoryLimitStore(TimeProvider clock)
    {
        _clock = clock;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, SweepEvery, SweepEvery);
    }

    public int KeyCount => _logs.Count;

    public ValueTask<LimitDecision> TryAcquireAsync(string key, ReadOnlyMemory<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (true)
        {
            var log = _logs.GetOrAdd(key, static _ => new HitLog());
            lock (log)
            {
                // The sweeper removed this log between our lookup and the lock: take the fresh one.
                if (!log.Removed)
                {
                    return ValueTask.FromResult(log.TryHit(windows.Span, now.UtcTicks));
                }
            }
        }
    }

    public ValueTask<int[]> CountAsync(string key, ReadOnlyMemory<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = new int[windows.Length];
        if (_logs.TryGetValue(key, out var log))
        {
            lock (log)
            {
                for (var i = 0; i < counts.Length; i++)
                {
                    counts[i] = log.InWindow(windows.Span[i], now.UtcTicks);
                }
            }
        }
        return ValueTask.FromResult(counts);
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    internal void Sweep()
    {
        var now = _clock.GetUtcNow().UtcTicks;
        SweepClaims(now);
        foreach (var (key, log) in _logs)
        {
            lock (log)
            {
                if (log.ForgetAfterTicks <= now)
                {
                    log.Removed = true;
                    _logs.TryRemove(new KeyValuePair<string, HitLog>(key, log));
                }
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
