using System.Collections.Concurrent;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages.Delivery;

namespace SmsVerify.Server.Tests.Support;

/// <summary>
/// A carrier connection that answers as a test tells it to: how a delivery test makes a carrier refuse, throttle or
/// drop the link at the moment it wants. The real SMPP path is tested against an SMSC in the Channels tests.
/// </summary>
public sealed class FakeChannel(string name, int priority, Func<OutboundSms, SubmitOutcome> answer) : IMessageChannel
{
    public ConcurrentQueue<OutboundSms> Submitted { get; } = new();

    public string Name => name;

    public int Priority => priority;

    public ChannelState State { get; set; } = ChannelState.Up;

    public bool Serves(Carrier carrier) => true;

    public ValueTask<SubmitOutcome> SubmitAsync(OutboundSms sms, CancellationToken cancellationToken)
    {
        Submitted.Enqueue(sms);
        return ValueTask.FromResult(answer(sms));
    }
}

/// <summary>Routes in the order given, skipping channels that are down or excluded, as the real router does by priority.</summary>
public sealed class FakeRoutes(params FakeChannel[] channels) : IChannelRoutes
{
    public IMessageChannel? Pick(string to, IReadOnlySet<string> excluded) =>
        channels.Where(c => c.State == ChannelState.Up && !excluded.Contains(c.Name)).OrderByDescending(c => c.Priority).FirstOrDefault();

    public bool FirstBindPending =>
        !channels.Any(c => c.State == ChannelState.Up) && channels.Any(c => c.State == ChannelState.Connecting);
}
