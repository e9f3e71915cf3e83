using System.Diagnostics;

namespace SmsVerify.Smpp;

/// <summary>
/// Lets a repeated log line through at most once per interval and counts the ones it held back, so that a burst of
/// one event (throttled submits, unreadable receipts, unanswered submits) reads as a rate, not as a line per event.
/// </summary>
public sealed class LogThrottle(TimeSpan interval)
{
    private readonly long _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private long _nextAt;
    private long _held;

    /// <summary>True when this occurrence should be logged; <paramref name="held"/> is how many were not since the last one.</summary>
    public bool ShouldLog(out long held)
    {
        var now = Stopwatch.GetTimestamp();
        var next = Volatile.Read(ref _nextAt);
        if (now >= next && Interlocked.CompareExchange(ref _nextAt, now + _interval, next) == next)
        {
            held = Interlocked.Exchange(ref _held, 0);
            return true;
        }
        Interlocked.Increment(ref _held);
        held = 0;
        return false;
    }
}
