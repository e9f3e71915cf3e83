using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Delivery;

namespace SmsVerify.Server.Channels;

/// <summary>The channels and what waits for them, as <c>GET /v1/channels</c>, its <c>/queue</c> and the console show them.</summary>
public sealed class ChannelsOverview(ChannelRouter router, AppDbContext db, TimeProvider clock)
{
    /// <summary>Every channel with its state, binds and counters, and the queued messages the router would hand it now.</summary>
    public async Task<List<ChannelView>> ListAsync(CancellationToken cancellationToken) => List(await QueueAsync(cancellationToken));

    /// <summary>The channels with their share of a queue already measured, for a page that shows both.</summary>
    public List<ChannelView> List(QueueDepth depth) =>
        [.. router.Describe().Select(view => view with { Queued = depth.ByChannel.GetValueOrDefault(view.Name) })];

    /// <summary>The queued messages, by carrier and by the channel that would take them.</summary>
    public Task<QueueDepth> QueueAsync(CancellationToken cancellationToken) =>
        QueueDepth.MeasureAsync(db, router, clock.UtcNowForStorage(), cancellationToken);
}
