using System.Diagnostics;

namespace SmsVerify.Smpp.Client;

/// <summary>
/// Paces submits to the bind's agreed rate (a short burst allowed), and adapts below it: each throttling answer
/// (ESME_RTHROTTLED, ESME_RMSGQFUL) halves the rate, down to a sixteenth of the agreed one, and each second without
/// one gives a tenth of the agreed rate back, as TCP's additive increase and multiplicative decrease do. A carrier
/// that takes less than it agreed to is then sent what it takes, instead of the agreed rate and a pause in turn.
/// With no agreed rate (0) it never waits, and throttling is left to the bind's pause.
/// </summary>
/// <remarks>
/// The burst (a tenth of a second's worth) keeps timer granularity from costing throughput. Only the sending loop
/// of a link waits, so the pacing needs no lock; the read loop only raises <see cref="Throttled"/>.
/// </remarks>
internal sealed class Pacer
{
    private const int FloorDivisor = 16;
    private const int RecoverySteps = 10;

    private readonly double _agreed;
    private readonly Func<long> _now;
    private double _rate;
    private long _next;
    private long _lastChange;
    private int _throttled;

    /// <param name="timestamp">Stopwatch ticks; tests pass their own clock.</param>
    public Pacer(double messagesPerSecond, Func<long>? timestamp = null)
    {
        _agreed = messagesPerSecond;
        _rate = messagesPerSecond;
        _now = timestamp ?? Stopwatch.GetTimestamp;
        _next = _lastChange = _now();
    }

    /// <summary>Messages per second the bind is paced at now (0: not paced).</summary>
    public double CurrentRate => Volatile.Read(ref _rate);

    /// <summary>Called by the read loop when the SMSC throttles; the sending loop slows down before its next submit.</summary>
    public void Throttled() => Interlocked.Exchange(ref _throttled, 1);

    /// <summary>Completes synchronously while under the rate: the fast path stays free of timers.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_agreed <= 0)
        {
            return ValueTask.CompletedTask;
        }
        var now = _now();
        Adapt(now);
        var interval = (long)(Stopwatch.Frequency / _rate);
        var burst = Math.Max(1, (long)(_rate / 10));
        _next = Math.Max(_next, now - (interval * burst)) + interval;
        var wait = _next - interval - now;
        return wait <= 0 ? ValueTask.CompletedTask : new ValueTask(Task.Delay(Stopwatch.GetElapsedTime(0, wait), cancellationToken));
    }

    /// <summary>Halves the rate after a throttling answer, or gives some back after a quiet second.</summary>
    private void Adapt(long now)
    {
        if (Interlocked.Exchange(ref _throttled, 0) == 1)
        {
            Volatile.Write(ref _rate, Math.Max(_agreed / FloorDivisor, _rate / 2));
            _lastChange = now;
        }
        else if (_rate < _agreed && now - _lastChange >= Stopwatch.Frequency)
        {
            Volatile.Write(ref _rate, Math.Min(_agreed, _rate + (_agreed / RecoverySteps)));
            _lastChange = now;
        }
    }
}
