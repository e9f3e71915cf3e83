namespace SmsVerify.Server.Channels;

/// <summary>What an operator sees of one channel (<c>GET /v1/channels</c>).</summary>
/// <param name="Unknown">Submits written and never answered (the link dropped first): the carrier may have them.</param>
/// <param name="Resent">Submits of messages an earlier unknown submit may already have delivered: possible copies.</param>
/// <param name="UnreadableReceipts">Receipts acknowledged without a change: no message id, or a status that cannot be read.</param>
/// <param name="Queued">Queued messages the router would hand this channel now (see <see cref="Messages.Delivery.QueueDepth"/>).</param>
/// <param name="Binds">Each SMPP bind with its mode and state; none for the sandbox carrier.</param>
public sealed record ChannelView(
    string Name, string Kind, int Priority, IReadOnlyList<Carrier> Carriers, ChannelState State, int BindsUp, int BindsTotal,
    long Submitted, long Accepted, long Rejected, long Unknown, long Resent, long Receipts, long UnreadableReceipts, long Inbound,
    double Throughput, BreakerState Breaker, string? LastError, DateTime? LastErrorAt, int Queued = 0,
    IReadOnlyList<BindView>? Binds = null);

/// <summary>One bind of an SMPP channel: transceiver, transmitter or receiver, and whether it is bound.</summary>
public sealed record BindView(string Mode, ChannelState State);

/// <summary>A channel the router can report on as well as route to.</summary>
internal interface IReportingChannel : IMessageChannel
{
    ChannelView Describe();
}

/// <summary>Counters of one channel since the server started; throughput is submits per second over the last 10 s.</summary>
internal sealed class ChannelStats(TimeProvider clock)
{
    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromSeconds(10);
    private readonly RollingCounts _recent = new(ThroughputWindow, clock);
    private long _submitted, _accepted, _rejected, _unknown, _resent, _receipts, _unreadable, _inbound;
    private LastError? _lastError;

    public long Submitted => Interlocked.Read(ref _submitted);
    public long Receipts => Interlocked.Read(ref _receipts);
    public long Inbound => Interlocked.Read(ref _inbound);

    public void Count(OutboundSms sms, SubmitOutcome outcome)
    {
        Interlocked.Increment(ref _submitted);
        if (sms.Resend)
        {
            Interlocked.Increment(ref _resent);
        }
        _recent.Add(error: false);
        switch (outcome)
        {
            case SubmitOutcome.Accepted:
                Interlocked.Increment(ref _accepted);
                break;
            case SubmitOutcome.Rejected:
                Interlocked.Increment(ref _rejected);
                break;
            case SubmitOutcome.Unknown:
                Interlocked.Increment(ref _unknown);
                break;
        }
    }

    public void CountReceipt() => Interlocked.Increment(ref _receipts);

    public void CountInbound() => Interlocked.Increment(ref _inbound);

    public void CountUnreadableReceipt() => Interlocked.Increment(ref _unreadable);

    /// <summary>A fault of the channel (not of one message, such as a bad number), shown to operators.</summary>
    public void Error(string message) => Volatile.Write(ref _lastError, new LastError(message, clock.GetUtcNow().UtcDateTime));

    public ChannelView View(IMessageChannel channel, string kind, IReadOnlyList<Carrier> carriers, int bindsUp, int bindsTotal, BreakerState breaker)
    {
        var lastError = Volatile.Read(ref _lastError);
        return new ChannelView(channel.Name, kind, channel.Priority, carriers, channel.State, bindsUp, bindsTotal,
            Submitted, Interlocked.Read(ref _accepted), Interlocked.Read(ref _rejected), Interlocked.Read(ref _unknown),
            Interlocked.Read(ref _resent), Receipts, Interlocked.Read(ref _unreadable), Inbound,
            _recent.Sum().Total / ThroughputWindow.TotalSeconds, breaker, lastError?.Message, lastError?.At);
    }

    private sealed record LastError(string Message, DateTime At);
}
