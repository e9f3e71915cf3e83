using System.Diagnostics;

namespace SmsVerify.Cmpp.Client;

/// <summary>
/// Spaces submits to the link's agreed rate, and below it after flow control: each Result 8 halves the rate (down to
/// a sixteenth of the agreed one) and every quiet second gives a tenth back. A gateway that takes less than agreed is
/// then sent what it takes rather than bursts and refusals in turn. With no agreed rate it never waits; flow control
/// then only pauses the link.
/// </summary>
internal sealed class LinkPacer(double agreedPerSecond, Func<long>? clock = null)
{
    private readonly double _agreed = agreedPerSecond;
    private readonly Func<long> _clock = clock ?? Stopwatch.GetTimestamp;
    private double _rate = agreedPerSecond;
    private long _nextSlot;
    private long _lastAdjusted;
    private int _slowDownRequested;

    public double Rate => Volatile.Read(ref _rate);

    /// <summary>Called from the read loop on Result 8; the sending loop applies it before its next submit.</summary>
    public void SlowDown() => Volatile.Write(ref _slowDownRequested, 1);

    /// <summary>Delay before the next submit may go; zero while under the rate, so the fast path needs no timer.</summary>
    public TimeSpan NextDelay()
    {
        if (_agreed <= 0)
        {
            return TimeSpan.Zero;
        }
        var now = _clock();
        Adjust(now);
        var spacing = (long)(Stopwatch.Frequency / _rate);
        // Never bank more than a tenth of a second of unused slots: a burst after idling stays short.
        var earliest = now - (long)(Stopwatch.Frequency * 0.1);
        var slot = Math.Max(_nextSlot, earliest);
        _nextSlot = slot + spacing;
        return slot <= now ? TimeSpan.Zero : Stopwatch.GetElapsedTime(now, slot);
    }

    private void Adjust(long now)
    {
        if (Interlocked.Exchange(ref _slowDownRequested, 0) == 1)
        {
            Volatile.Write(ref _rate, Math.Max(_agreed / 16, _rate / 2));
            _lastAdjusted = now;
        }
        else if (_rate < _agreed && now - _lastAdjusted >= Stopwatch.Frequency)
        {
            Volatile.Write(ref _rate, Math.Min(_agreed, _rate + (_agreed / 10)));
            _lastAdjusted = now;
        }
    }
}
