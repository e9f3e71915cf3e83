namespace SmsVerify.Server.Channels;

/// <summary>Which channel a message to a number should try now, skipping those that already refused it.</summary>
public interface IChannelRoutes
{
    IMessageChannel? Pick(string to, IReadOnlySet<string> excluded);
}
