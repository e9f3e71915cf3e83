namespace SmsVerify.Server.Channels;

/// <summary>
/// Chooses the channel for a message: the highest priority one that serves the number's carrier and is up. A
/// channel whose breaker is half-open counts as up while its one probe is free. Among equal priorities the one
/// listed first in configuration wins, so traffic does not flap between two carriers of the same rank.
/// </summary>
public sealed class ChannelRouter : IChannelRoutes
{
    private readonly IMessageChannel[] _channels;

    internal ChannelRouter(IEnumerable<IMessageChannel> channels) =>
        _channels = [.. channels.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Priority).ThenBy(x => x.i).Select(x => x.c)];

    /// <summary>Every channel, the built-in sandbox carrier included, highest priority first.</summary>
    public IReadOnlyList<IMessageChannel> Channels => _channels;

    /// <summary>
    /// The channel to submit to, or null when none can take the message now. After a transient
    /// <see cref="SubmitOutcome.Rejected"/> call again with that channel's name in <paramref name="exclude"/>.
    /// </summary>
    public IMessageChannel? Pick(Carrier carrier, IReadOnlySet<string>? exclude = null)
    {
        foreach (var channel in _channels)
        {
            if (channel.State == ChannelState.Up && channel.Serves(carrier) && exclude?.Contains(channel.Name) != true)
            {
                return channel;
            }
        }
        return null;
    }

    /// <summary><see cref="Pick(Carrier, IReadOnlySet{string})"/> for the carrier the number's block belongs to.</summary>
    public IMessageChannel? Pick(string e164, IReadOnlySet<string>? exclude = null) => Pick(CarrierLookup.Of(e164), exclude);

    IMessageChannel? IChannelRoutes.Pick(string to, IReadOnlySet<string> excluded) => Pick(to, excluded);

    // A bind reads connecting only until its first attempt ends; later losses read down while the library reconnects.
    public bool FirstBindPending =>
        !_channels.Any(c => c.State == ChannelState.Up) && _channels.Any(c => c.State == ChannelState.Connecting);

    public bool HeldElsewhere
    {
        get
        {
            var standby = false;
            foreach (var channel in _channels)
            {
                var state = channel.State;
                if (state is ChannelState.Up or ChannelState.Connecting or ChannelState.Open)
                {
                    return false;
                }
                standby |= state == ChannelState.Standby;
            }
            return standby;
        }
    }

    // Every handover asks for every message: the number's carrier is looked up only when some channel is on standby.
    public bool HeldElsewhereFor(string to)
    {
        Carrier? carrier = null;
        foreach (var channel in _channels)
        {
            if (channel.State == ChannelState.Standby && channel.Serves(carrier ??= CarrierLookup.Of(to)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>State and counters of every channel, for operators.</summary>
    public IReadOnlyList<ChannelView> Describe() => [.. _channels.OfType<IReportingChannel>().Select(c => c.Describe())];
}
