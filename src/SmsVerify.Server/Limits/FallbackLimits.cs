namespace SmsVerify.Server.Limits;

/// <summary>
/// The budget a node sends under while Redis does not answer: its own in-memory store, with every window's max
/// divided by <see cref="LimitsOptions.FallbackDivisor"/> (at least 1), so an outage makes sending slower, never
/// unlimited. What Redis counted before the outage is not seen here, which the division pays for.
/// </summary>
public sealed class FallbackLimits(TimeProvider clock, Microsoft.Extensions.Options.IOptions<LimitsOptions> options) : IDisposable
{
    private readonly InMemoryLimitStore _store = new(clock);

    public ValueTask<MultiLimitDecision> TryAcquireAllAsync(LimitRequest[] requests, bool refuseWhenRaised, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var divisor = options.Value.FallbackDivisor;
        var scaled = new LimitRequest[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            var windows = requests[i].Windows.ToArray();
            for (var w = 0; w < windows.Length; w++)
            {
                windows[w] = windows[w] with { Max = Math.Max(1, windows[w].Max / divisor) };
            }
            scaled[i] = requests[i] with { Windows = windows };
        }
        return _store.TryAcquireAllAsync(scaled, refuseWhenRaised, now, cancellationToken);
    }

    public void Dispose() => _store.Dispose();
}
