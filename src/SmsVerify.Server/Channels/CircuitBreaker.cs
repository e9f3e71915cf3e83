namespace SmsVerify.Server.Channels;

public enum BreakerState { Closed, Open, HalfOpen }

/// <summary>
/// Stops routing to a channel whose error rate is high: it opens when the window holds at least
/// <see cref="BreakerOptions.MinimumSamples"/> outcomes and the share of errors reaches
/// <see cref="BreakerOptions.ErrorRate"/>; after <see cref="BreakerOptions.Cooldown"/> it lets one probe through,
/// and that probe's outcome closes it or opens it again.
/// </summary>
internal sealed class CircuitBreaker(BreakerOptions options, TimeProvider clock)
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
                    Open();
                }
                else
                {
                    _state = BreakerState.Closed;
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
                Open();
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

    private void Open()
    {
        _state = BreakerState.Open;
        _openedAt = clock.GetUtcNow();
    }

    private bool CooledDown() => clock.GetUtcNow() - _openedAt >= options.Cooldown;
}
