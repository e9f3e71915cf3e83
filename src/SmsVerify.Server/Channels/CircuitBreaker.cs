namespace SmsVerify.Server.Channels;

public enum BreakerState { Closed, Open, HalfOpen }

/// <summary>
/// Stops routing to a channel whose error rate is high: it opens when the window holds at least
/// <see cref="BreakerOptions.MinimumSamples"/> outcomes and the share of errors reaches
/// <see cref="BreakerOptions.ErrorRate"/>; after <see cref="BreakerOptions.Cooldown"/> it lets one probe through,
/// and that probe's outcome closes it or opens it again. A bind made again lets the probe through at once
/// (<see cref="Rebound"/>): most openings are a dropped link, and a healthy one is usually back within a second.
/// </summary>
/// <param name="changed">Told of every change of state, under the breaker's lock (for a log line; keep it short).</param>
internal sealed class CircuitBreaker(BreakerOptions options, TimeProvider clock, Action<BreakerState, string>? changed = null)
{
    private readonly RollingCounts _outcomes = new(options.Window, clock);
    private readonly Lock _lock = new();
    private BreakerState _state = BreakerState.Closed;
    private DateTimeOffset _openedAt;
    private bool _probeOut;

    /// <summary>Open turns HalfOpen once the cool-down has passed, whether or not anything asked since.</summary>
    public BreakerState State
    {
        get
        {
            lock (_lock)
            {
                return _state == BreakerState.Open && CooledDown() ? BreakerState.HalfOpen : _state;
            }
        }
    }

    /// <summary>True when a message may go now: closed, or half-open with the probe not yet taken.</summary>
    public bool Allows
    {
        get
        {
            lock (_lock)
            {
                return _state == BreakerState.Closed || (!_probeOut && CooledDown());
            }
        }
    }

    /// <summary>Takes the right to send one message; <paramref name="probe"/> says it is the half-open probe.</summary>
    public bool TryAcquire(out bool probe)
    {
        lock (_lock)
        {
            probe = false;
            if (_state == BreakerState.Closed)
            {
                return true;
            }
            if (_probeOut || !CooledDown())
            {
                return false;
            }
            _state = BreakerState.HalfOpen;
            _probeOut = probe = true;
            changed?.Invoke(_state, "one message probes the channel");
            return true;
        }
    }

    /// <summary>Counts one outcome. While open, only the probe's outcome counts; others were sent before it opened.</summary>
    public void Record(bool error, bool probe)
    {
        lock (_lock)
        {
            if (probe)
            {
                _probeOut = false;
                _outcomes.Clear();
                if (error)
                {
                    Open("the probe failed");
                }
                else
                {
                    _state = BreakerState.Closed;
                    changed?.Invoke(_state, "the probe went through");
                }
                return;
            }
            if (_state != BreakerState.Closed)
            {
                return;
            }
            _outcomes.Add(error);
            var (total, errors) = _outcomes.Sum();
            if (total >= options.MinimumSamples && errors >= options.ErrorRate * total)
            {
                Open($"{errors} errors in the last {total} submits");
            }
        }
    }

    /// <summary>The probe ended without an outcome (cancelled): let another message probe.</summary>
    public void ReleaseProbe()
    {
        lock (_lock)
        {
            _probeOut = false;
        }
    }

    /// <summary>A bind was made again: if open, the cool-down is over and the next message probes.</summary>
    public void Rebound()
    {
        lock (_lock)
        {
            if (_state == BreakerState.Open && !CooledDown())
            {
                _openedAt = DateTimeOffset.MinValue;
                changed?.Invoke(BreakerState.HalfOpen, "a bind is up again");
            }
        }
    }

    private void Open(string reason)
    {
        _state = BreakerState.Open;
        _openedAt = clock.GetUtcNow();
        changed?.Invoke(_state, reason);
    }

    private bool CooledDown() => clock.GetUtcNow() - _openedAt >= options.Cooldown;
}
