using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Messages.Stats;

namespace SmsVerify.Server.WebConsole.Pages.Channels;

/// <summary>
/// Each channel with its binds and their state, its last hour by minute (messages taken, share failed) and the
/// queue by carrier. The hour is read from the messages every node writes, not from this node's counters.
/// </summary>
public sealed class IndexModel(ChannelsOverview channels, TrafficStats traffic, TimeProvider clock) : PageModel
{
    public List<ChannelView> Channels { get; private set; } = [];

    public QueueDepth Depth { get; private set; } = null!;

    public IReadOnlyList<ChannelTraffic> Hour { get; private set; } = [];

    public TrafficWindow Window { get; } = TrafficWindow.Ending(TrafficRange.Hour, clock.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Channels = await channels.ListAsync(cancellationToken);
        Depth = await channels.QueueAsync(cancellationToken);
        Hour = await traffic.ByChannelAsync(cancellationToken);
    }

    /// <summary>A channel's messages per minute, or zeros when it took none this hour.</summary>
    public IReadOnlyList<double> Taken(string channel) =>
        Hour.FirstOrDefault(h => h.Channel == channel) is { } t ? [.. t.Messages.Select(v => (double)v)] : new double[Window.Slots];

    /// <summary>The percentage of a channel's settled messages that failed, per minute (0 where none settled).</summary>
    public IReadOnlyList<double> ErrorRate(string channel) =>
        Hour.FirstOrDefault(h => h.Channel == channel) is { } t
            ? [.. t.Failed.Zip(t.Settled, (failed, settled) => settled == 0 ? 0 : Math.Round(100.0 * failed / settled, 1))]
            : new double[Window.Slots];
}
