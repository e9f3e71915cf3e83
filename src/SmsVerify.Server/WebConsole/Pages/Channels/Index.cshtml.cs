using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Messages.Stats;

namespace SmsVerify.Server.WebConsole.Pages.Channels;

/// <summary>
/// Each channel with its binds and their state, its last hour by minute (messages taken, share failed) and the
/// queue by carrier. The hour is read from the messages every node writes, not from this node's counters.
/// </summary>
public sealed class IndexModel(ChannelsOverview channels, TrafficStats traffic) : PageModel
{
    public List<ChannelView> Channels { get; private set; } = [];

    public QueueDepth Depth { get; private set; } = null!;

    public ChannelsHour Hour { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Depth = await channels.QueueAsync(cancellationToken);
        Channels = channels.List(Depth);
        Hour = await traffic.ByChannelAsync(cancellationToken);
    }
}
