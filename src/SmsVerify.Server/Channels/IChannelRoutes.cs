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
}
