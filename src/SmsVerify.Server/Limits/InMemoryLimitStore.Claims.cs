using System.Collections.Concurrent;

namespace SmsVerify.Server.Limits;

internal sealed partial class InMemoryLimitStore
{
    // Key → when its claim ends (UTC ticks). An ended claim may linger until the sweep; a new claim replaces it.
    private readonly ConcurrentDictionary<string, long> _claims = new(StringComparer.Ordinal);

    public int ClaimCount => _claims.Count;

    public ValueTask<bool> TryClaimAsync(string key, TimeSpan lifetime, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var until = (now + lifetime).UtcTicks;
        while (true)
        {
            if (_claims.TryAdd(key, until))
            {
                return ValueTask.FromResult(true);
            }
            if (_claims.TryGetValue(key, out var held))
            {
                if (held > now.UtcTicks)
                {
                    return ValueTask.FromResult(false);
                }
                // Compare-and-swap, so of two callers taking over the same ended claim only one wins.
                if (_claims.TryUpdate(key, until, held))
                {
                    return ValueTask.FromResult(true);
                }
            }
        }
    }

    private void SweepClaims(long now)
    {
        foreach (var (key, until) in _claims)
        {
            if (until <= now)
            {
                // Removes the entry only if no one claimed it afresh since we read it.
                _claims.TryRemove(new KeyValuePair<string, long>(key, until));
            }
        }
    }
}
