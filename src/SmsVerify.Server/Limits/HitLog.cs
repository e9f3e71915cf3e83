namespace SmsVerify.Server.Limits;

/// <summary>The hit times of one key, oldest first. Not thread-safe: the store locks it.</summary>
internal sealed class HitLog
{
    private long[] _hits = new long[4];
    private int _count;

    public bool Removed { get; set; }

    /// <summary>When every hit is older than the longest window, so the log can go.</summary>
    public long ForgetAfterTicks { get; private set; }

    public LimitDecision TryHit(ReadOnlySpan<RateWindow> windows, long now)
    {
        var decision = Evaluate(windows, now);
        if (decision.Allowed)
        {
            Record(windows, now);
        }
        return decision;
    }

    /// <summary>Whether a hit would fit every window now; counts nothing.</summary>
    public LimitDecision Evaluate(ReadOnlySpan<RateWindow> windows, long now)
    {
        DropOlderThan(now - Longest(windows));
        // With several windows full, the client must wait for the one that frees up last.
        var refusal = LimitDecision.Allow;
        foreach (var window in windows)
        {
            var inWindow = _count - FirstAfter(now - window.Length.Ticks);
            if (inWindow >= window.Max)
            {
                // The window has room once the hit that would have to leave it for one more to fit, leaves it.
                var wait = TimeSpan.FromTicks(_hits[_count - window.Max] + window.Length.Ticks - now);
                if (refusal.Allowed || wait > refusal.RetryAfter)
                {
                    refusal = LimitDecision.Refuse(window, wait);
                }
            }
        }
        return refusal;
    }

    /// <summary>The hits within <paramref name="window"/> now; counts nothing.</summary>
    public int InWindow(RateWindow window, long now) => _count - FirstAfter(now - window.Length.Ticks);

    /// <summary>Whether one more hit now would be a window's <see cref="RateWindow.Max"/>-th or later.</summary>
    public bool WouldReach(ReadOnlySpan<RateWindow> windows, long now)
    {
        DropOlderThan(now - Longest(windows));
        foreach (var window in windows)
        {
            if (_count - FirstAfter(now - window.Length.Ticks) + 1 >= window.Max)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Counts a hit now, keeping only what the windows can still look at.</summary>
    public void Record(ReadOnlySpan<RateWindow> windows, long now)
    {
        var keep = 0;
        foreach (var window in windows)
        {
            keep = Math.Max(keep, window.Max);
        }
        // Callers racing for the lock may arrive a tick out of order; keeping the log sorted matters more.
        now = _count > 0 ? Math.Max(now, _hits[_count - 1]) : now;
        Append(now, keep);
        ForgetAfterTicks = Math.Max(ForgetAfterTicks, now + Longest(windows));
    }

    private static long Longest(ReadOnlySpan<RateWindow> windows)
    {
        long longest = 0;
        foreach (var window in windows)
        {
            longest = Math.Max(longest, window.Length.Ticks);
        }
        return longest;
    }

    private int FirstAfter(long cutoff)
    {
        var i = 0;
        while (i < _count && _hits[i] <= cutoff)
        {
            i++;
        }
        return i;
    }

    private void DropOlderThan(long cutoff) => DropFirst(FirstAfter(cutoff));

    private void DropFirst(int n)
    {
        if (n <= 0)
        {
            return;
        }
        Array.Copy(_hits, n, _hits, 0, _count - n);
        _count -= n;
    }

    // No window looks further back than its own maximum, so only the newest `keep` hits matter.
    private void Append(long now, int keep)
    {
        if (_count == _hits.Length)
        {
            if (_count >= keep)
            {
                DropFirst(_count - keep + 1);
            }
            else
            {
                Array.Resize(ref _hits, Math.Min(_hits.Length * 2, Math.Max(keep, 4)));
            }
        }
        _hits[_count++] = now;
    }
}
