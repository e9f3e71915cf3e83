using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Messages.Stats;

/// <summary>Delivery and conversion of one group of messages (a carrier, a channel, or all).</summary>
/// <param name="Settled">Delivered, failed or expired: those whose fate is known.</param>
/// <param name="Codes">Verifications that a message of this group carried a code for.</param>
/// <param name="Approved">Of those, the verifications the user then completed.</param>
public sealed record TrafficShare(string Name, int Messages, int Delivered, int Settled, int Codes, int Approved)
{
    public double? DeliveryRate => Settled == 0 ? null : (double)Delivered / Settled;
    public double? Conversion => Codes == 0 ? null : (double)Approved / Codes;
}

/// <summary>What the overview shows of a window: messages per slot by status, and the shares by carrier and channel.</summary>
/// <param name="VerificationsSent">Verifications started in the window; <paramref name="VerificationsApproved"/> of them approved.</param>
public sealed record TrafficReport(
    TrafficWindow Window, IReadOnlyDictionary<MessageStatus, int[]> ByStatus, int Delivered, int Settled,
    int VerificationsSent, int VerificationsApproved, IReadOnlyList<TrafficShare> ByCarrier, IReadOnlyList<TrafficShare> ByChannel)
{
    public double? DeliveryRate => Settled == 0 ? null : (double)Delivered / Settled;
    public double? Conversion => VerificationsSent == 0 ? null : (double)VerificationsApproved / VerificationsSent;
}

/// <summary>One channel's last hour by minute: messages it took, and the failed and settled among them.</summary>
public sealed record ChannelTraffic(string Channel, int[] Messages, int[] Failed, int[] Settled)
{
    /// <summary>The percentage of the settled messages that failed, per minute (0 where none settled).</summary>
    public IReadOnlyList<double> FailedPercent => [.. Failed.Zip(Settled, (failed, settled) => settled == 0 ? 0 : Math.Round(100.0 * failed / settled, 1))];
}

/// <summary>Every channel's last hour, over the window the counts were read for.</summary>
public sealed record ChannelsHour(TrafficWindow Window, IReadOnlyList<ChannelTraffic> Channels)
{
    /// <summary>A channel's hour, or an empty one when it took nothing.</summary>
    public ChannelTraffic Of(string channel) => Channels.FirstOrDefault(c => c.Channel == channel)
        ?? new ChannelTraffic(channel, new int[Window.Slots], new int[Window.Slots], new int[Window.Slots]);
}

/// <summary>
/// Counts over the messages and verifications of the last hour or day, for the console. These are the largest and
/// busiest tables, indexed for sending rather than for reporting, so every read here is a primary-key range (ids are
/// time-ordered, <see cref="TimeOrderedIds"/>) no longer than a day, grouped in the database: a day's rows are never
/// loaded, only a few hundred counts. No index is added for these reads, since every send would pay for it.
/// </summary>
public sealed class TrafficStats(AppDbContext db, TimeProvider clock)
{
    /// <summary>A number's first eight characters (+86 and five digits) name its block, enough for its carrier.</summary>
    private const int BlockLength = 8;

    public async Task<TrafficReport> ReadAsync(TrafficRange range, CancellationToken cancellationToken)
    {
        var window = TrafficWindow.Ending(range, clock.UtcNowForStorage());
        var byStatus = Enum.GetValues<MessageStatus>().ToDictionary(s => s, _ => new int[window.Slots]);
        foreach (var slot in await PerSlot(window).ToListAsync(cancellationToken))
        {
            byStatus[slot.Status][window.SlotOf(slot.Slot)] += slot.Count;
        }
        var rows = (await PerBlock(window).ToListAsync(cancellationToken))
            .Select(g => new Row(g.Channel, g.Block, g.Count, g.Status == MessageStatus.Delivered ? g.Count : 0, IsSettled(g.Status) ? g.Count : 0, 0, 0))
            .Concat((await CodesPerBlock(window).ToListAsync(cancellationToken)).Select(c => new Row(c.Channel, c.Block, 0, 0, 0, c.Codes, c.Approved)))
            .ToList();
        var verifications = await VerificationsByOutcome(window).ToListAsync(cancellationToken);
        return new TrafficReport(window, byStatus,
            rows.Sum(r => r.Delivered), rows.Sum(r => r.Settled),
            verifications.Sum(v => v.Count), verifications.Where(v => v.Approved).Sum(v => v.Count),
            Shares(rows, r => CarrierLookup.Of(r.Block.PadRight(14, '0')).ToString()),
            Shares(rows, r => r.Channel ?? ""));
    }

    /// <summary>Each channel's messages of the last hour by minute, with the failed and settled among them.</summary>
    public async Task<ChannelsHour> ByChannelAsync(CancellationToken cancellationToken)
    {
        var window = TrafficWindow.Ending(TrafficRange.Hour, clock.UtcNowForStorage());
        var groups = await PerChannelSlot(window).ToListAsync(cancellationToken);
        return new ChannelsHour(window, [.. groups.GroupBy(g => g.Channel).OrderBy(c => c.Key, StringComparer.Ordinal).Select(channel =>
        {
            var traffic = new ChannelTraffic(channel.Key, new int[window.Slots], new int[window.Slots], new int[window.Slots]);
            foreach (var g in channel)
            {
                var slot = window.SlotOf(g.Slot);
                traffic.Messages[slot] += g.Count;
                traffic.Failed[slot] += g.Status == MessageStatus.Failed ? g.Count : 0;
                traffic.Settled[slot] += IsSettled(g.Status) ? g.Count : 0;
            }
            return traffic;
        })]);
    }

    internal sealed record SlotCount(int Slot, MessageStatus Status, int Count);
    internal sealed record BlockCount(string? Channel, string Block, MessageStatus Status, int Count);
    internal sealed record BlockCodes(string? Channel, string Block, int Codes, int Approved);
    internal sealed record OutcomeCount(bool Approved, int Count);
    internal sealed record ChannelSlotCount(string Channel, int Slot, MessageStatus Status, int Count);

    // The queries, each a grouped read of one window; internal so a test can ask the store for their plans.

    internal IQueryable<SlotCount> PerSlot(TrafficWindow window) => window.Range == TrafficRange.Hour
        ? MessagesIn(window).GroupBy(m => new { Slot = m.CreatedAt.Minute, m.Status }).Select(g => new SlotCount(g.Key.Slot, g.Key.Status, g.Count()))
        : MessagesIn(window).GroupBy(m => new { Slot = m.CreatedAt.Hour, m.Status }).Select(g => new SlotCount(g.Key.Slot, g.Key.Status, g.Count()));

    internal IQueryable<BlockCount> PerBlock(TrafficWindow window) =>
        MessagesIn(window).GroupBy(m => new { m.Channel, Block = m.To.Substring(0, BlockLength), m.Status })
            .Select(g => new BlockCount(g.Key.Channel, g.Key.Block, g.Key.Status, g.Count()));

    /// <summary>
    /// The verifications each channel and block carried codes for, and how many were approved: each counted once,
    /// however many times its code was resent.
    /// </summary>
    internal IQueryable<BlockCodes> CodesPerBlock(TrafficWindow window) =>
        MessagesIn(window).Where(m => m.VerificationId != null)
            .Join(db.Verifications, m => m.VerificationId, v => (Guid?)v.Id, (m, v) => new { m.Channel, Block = m.To.Substring(0, BlockLength), v.Id, v.Status })
            .Distinct()
            .GroupBy(c => new { c.Channel, c.Block })
            .Select(g => new BlockCodes(g.Key.Channel, g.Key.Block, g.Count(), g.Count(c => c.Status == VerificationStatus.Approved)));

    /// <summary>Verifications have an index on CreatedAt (the pumping detector reads the recent window by it): a range of it.</summary>
    internal IQueryable<OutcomeCount> VerificationsByOutcome(TrafficWindow window) =>
        db.Verifications.AsNoTracking().Where(v => v.CreatedAt >= window.From)
            .GroupBy(v => v.Status == VerificationStatus.Approved).Select(g => new OutcomeCount(g.Key, g.Count()));

    internal IQueryable<ChannelSlotCount> PerChannelSlot(TrafficWindow window) =>
        MessagesIn(window).Where(m => m.Channel != null).GroupBy(m => new { Channel = m.Channel!, Slot = m.CreatedAt.Minute, m.Status })
            .Select(g => new ChannelSlotCount(g.Key.Channel, g.Key.Slot, g.Key.Status, g.Count()));

    /// <summary>
    /// The window's messages as a key range (the id bound is what the store seeks on); CreatedAt then keeps exactly
    /// the window, so a minute-of-hour names one slot.
    /// </summary>
    private IQueryable<MessageRecord> MessagesIn(TrafficWindow window)
    {
        var low = TimeOrderedIds.Lowest(window.From);
        return db.Messages.AsNoTracking().Where(m => m.Id.CompareTo(low) >= 0 && m.CreatedAt >= window.From);
    }

    private static bool IsSettled(MessageStatus status) =>
        status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired;

    /// <summary>Counts of one channel and number block, summed into shares by carrier or by channel.</summary>
    private sealed record Row(string? Channel, string Block, int Messages, int Delivered, int Settled, int Codes, int Approved);

    private static List<TrafficShare> Shares(IEnumerable<Row> rows, Func<Row, string> key) =>
        [.. rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TrafficShare(g.Key,
            g.Sum(r => r.Messages), g.Sum(r => r.Delivered), g.Sum(r => r.Settled), g.Sum(r => r.Codes), g.Sum(r => r.Approved)))];
}
