using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// What waits for a carrier (<c>GET /v1/channels/queue</c>). A queued message is bound to no channel until one
/// accepts it, so a channel's depth is what the router would hand it now: the queued messages of the carriers it is
/// the first choice for. Messages of a carrier no channel can take now are <see cref="Unroutable"/>.
/// </summary>
/// <param name="Due">Queued and due now; the rest wait for a retry time.</param>
public sealed record QueueDepth(
    int Queued, int Due, DateTime? OldestCreatedAt, IReadOnlyDictionary<Carrier, int> ByCarrier, IReadOnlyDictionary<string, int> ByChannel, int Unroutable)
{
    /// <summary>One grouped read over the queued messages, by the (up to five) digits that name a number's block.</summary>
    public static async Task<QueueDepth> MeasureAsync(AppDbContext db, ChannelRouter router, DateTime now, CancellationToken cancellationToken)
    {
        var blocks = await db.Messages.AsNoTracking().Where(m => m.Status == MessageStatus.Queued)
            .GroupBy(m => m.To.Substring(0, 8))
            .Select(g => new { Prefix = g.Key, Count = g.Count(), Due = g.Count(m => m.NextAttemptAt <= now), Oldest = g.Min(m => m.CreatedAt) })
            .ToListAsync(cancellationToken);
        var byCarrier = new Dictionary<Carrier, int>();
        var byChannel = new Dictionary<string, int>();
        var unroutable = 0;
        foreach (var block in blocks)
        {
            // Padded to a whole number so the lookup reads the block; the rest of the digits do not matter.
            var carrier = CarrierLookup.Of(block.Prefix.PadRight(14, '0'));
            byCarrier[carrier] = byCarrier.GetValueOrDefault(carrier) + block.Count;
            if (router.Pick(carrier) is { } channel)
            {
                byChannel[channel.Name] = byChannel.GetValueOrDefault(channel.Name) + block.Count;
            }
            else
            {
                unroutable += block.Count;
            }
        }
        return new QueueDepth(blocks.Sum(b => b.Count), blocks.Sum(b => b.Due), blocks.Count == 0 ? null : blocks.Min(b => b.Oldest),
            byCarrier, byChannel, unroutable);
    }
}
