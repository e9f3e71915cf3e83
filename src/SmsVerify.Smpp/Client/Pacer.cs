using System.Diagnostics;

namespace SmsVerify.Smpp.Client;

/// <summary>
/// Spaces submits to at most N per second on one bind, allowing a burst of a tenth of a second so that timer
/// granularity does not cost throughput. Only the sending loop of a link calls it, so it needs no lock.
/// </summary>
internal sealed class Pacer(double messagesPerSecond)
{
    private readonly long _interval = messagesPerSecond > 0 ? (long)(Stopwatch.Frequency / messagesPerSecond) : 0;
    private readonly long _burst = Math.Max(1, (long)(messagesPerSecond / 10));
    private long _next = Stopwatch.GetTimestamp();

    /// <summary>Completes synchronously while under the rate: the fast path stays free of timers.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_interval == 0)
        {
            return ValueTask.CompletedTask;
        }
        var now = Stopwatch.GetTimestamp();
        _next = Math.Max(_next, now - (_interval * _burst)) + _interval;
        var wait = _next - _interval - now;
        return wait <= 0 ? ValueTask.CompletedTask : new ValueTask(Task.Delay(Stopwatch.GetElapsedTime(0, wait), cancellationToken));
    }
}
