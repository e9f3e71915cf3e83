using System.Collections.Concurrent;
using System.Diagnostics;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// What the callback sink has heard for one run. A message is settled when its delivered callback (Kannel's dlr-url
/// with type=1) or its <c>delivered</c> status event (SmsVerify's webhook) arrives; the run is settled with its
/// <see cref="Expected"/>th distinct message, and <see cref="SettledAt"/> is that moment's timestamp.
/// </summary>
/// <param name="byVerification">
/// Count the verifications whose message was delivered (by the event's <c>verificationId</c>) rather than messages.
/// </param>
internal sealed class SinkRun(string tag, int expected, bool byVerification = false)
{
    private readonly ConcurrentDictionary<string, byte> _delivered = new();
    private readonly TaskCompletionSource _allSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _settled, _acks, _failures, _otherEvents;
    private long _settledAt;

    /// <summary>Carried by this run's callback URLs, so a late callback of an earlier run is not counted here.</summary>
    public string Tag { get; } = tag;

    public int Expected { get; } = expected;

    public int Settled => Volatile.Read(ref _settled);

    /// <summary>Kannel's type=8 callbacks (the SMSC accepted the submit); SmsVerify's <c>submitted</c> events.</summary>
    public int Acks => Volatile.Read(ref _acks);

    /// <summary>Failure callbacks or events (Kannel's types 2 and 16; SmsVerify's <c>failed</c> and <c>expired</c>).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Callbacks or events of any other kind, or that could not be read.</summary>
    public int OtherEvents => Volatile.Read(ref _otherEvents);

    public long SettledAt => Interlocked.Read(ref _settledAt);

    public Task AllSettled => _allSettled.Task;

    /// <summary>Kannel's dlr-url: <c>type</c> is its %d (1 delivered, 2 failed, 4 buffered, 8 SMSC ack, 16 SMSC reject).</summary>
    public void KannelCallback(string? message, string? type)
    {
        switch (type)
        {
            case "1" when message is not null:
                Deliver(message);
                break;
            case "8":
                Interlocked.Increment(ref _acks);
                break;
            case "2" or "16":
                Interlocked.Increment(ref _failures);
                break;
            default:
                Interlocked.Increment(ref _otherEvents);
                break;
        }
    }

    /// <summary>One <c>message.status</c> event: the message's id and status, and the verification it carries, if any.</summary>
    public void StatusEvent(string? message, string? verification, string? status)
    {
        switch (status)
        {
            case "delivered" when (byVerification ? verification : message) is { } settled:
                Deliver(settled);
                break;
            case "submitted":
                Interlocked.Increment(ref _acks);
                break;
            case "failed" or "expired":
                Interlocked.Increment(ref _failures);
                break;
            default:
                Interlocked.Increment(ref _otherEvents);
                break;
        }
    }

    public void Unreadable() => Interlocked.Increment(ref _otherEvents);

    private void Deliver(string message)
    {
        // Kannel and carriers repeat reports; only a message's first counts.
        if (_delivered.TryAdd(message, 0) && Interlocked.Increment(ref _settled) == Expected)
        {
            Interlocked.Exchange(ref _settledAt, Stopwatch.GetTimestamp());
            _allSettled.TrySetResult();
        }
    }
}
