namespace SmsVerify.Server.Channels;

/// <summary>Which channel a message to a number should try now, skipping those that already refused it.</summary>
public interface IChannelRoutes
{
    IMessageChannel? Pick(string to, IReadOnlySet<string> excluded);

    /// <summary>
    /// True while no channel is up only because some are still making their first bind, as when the server has
    /// just started: a message claimed now would wait out a retry backoff for a channel about to come up.
    /// </summary>
    bool FirstBindPending { get; }

    /// <summary>
    /// True when this node can send on no channel because other nodes hold the binds (<see cref="ChannelState.Standby"/>):
    /// it then claims nothing, and they send what it accepts.
    /// </summary>
    bool HeldElsewhere => false;

    /// <summary>True when a channel that serves this number is on standby here: another node can send what this one cannot.</summary>
    bool HeldElsewhereFor(string to) => false;
}
