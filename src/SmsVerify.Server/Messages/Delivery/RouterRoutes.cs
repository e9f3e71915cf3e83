using SmsVerify.Server.Channels;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>The configured channels, through the router: by the number's carrier, priority and health.</summary>
internal sealed class RouterRoutes(ChannelRouter router) : IChannelRoutes
{
    public IMessageChannel? Pick(string to, IReadOnlySet<string> excluded) => router.Pick(to, excluded);
}
