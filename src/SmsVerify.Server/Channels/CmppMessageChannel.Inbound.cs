using SmsVerify.Cmpp.Client;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;

namespace SmsVerify.Server.Channels;

internal sealed partial class CmppMessageChannel
{
    /// <summary>One CMPP_DELIVER to the sink, then CMPP_DELIVER_RESP: Result 0 once kept, Result 8 (flow control: deliver it again later) when not.</summary>
    private ValueTask OnDeliveryAsync(IncomingDeliver delivery, CancellationToken stopping) =>
        HandOverAsync(ToEvent(delivery.Packet, Clock.GetUtcNow().UtcDateTime, out var unusable), unusable,
            () => Convert.ToHexString(delivery.Packet.MsgContent.Span), () => delivery.Acknowledge(),
            () => delivery.Acknowledge(SubmitResult.FlowControl), stopping);

    /// <summary>
    /// A status report, as a receipt for the Msg_Id its submit returned, or else a message from a phone; null for a
    /// report that settles nothing: ACCEPTD, or one that cannot be read, with <paramref name="unusable"/> saying why.
    /// </summary>
    private ChannelEvent? ToEvent(Deliver packet, DateTime receivedAt, out string? unusable)
    {
        unusable = null;
        if (!packet.IsStatusReport)
        {
            return Inbound(packet, receivedAt);
        }
        StatusReport report;
        try
        {
            report = packet.ReadStatusReport();
        }
        catch (CmppDecodeException e)
        {
            unusable = e.Message;
            return null;
        }
        if (string.IsNullOrWhiteSpace(report.Stat))
        {
            unusable = "no Stat";
            return null;
        }
        if (!ReportStat.IsFinal(report.Stat))
        {
            return null;
        }
        // Every final Stat but DELIVRD means not delivered, the network's own codes (MK:0005 …) included.
        var outcome = report.IsDelivered ? ReceiptOutcome.Delivered
            : report.Stat == ReportStat.Expired ? ReceiptOutcome.Expired : ReceiptOutcome.Failed;
        return new ReceiptEvent(Name, receivedAt, new MsgId(report.MsgId).ToString(), outcome,
            outcome == ReceiptOutcome.Delivered ? null : report.Stat, ReceiptTimeUtc(report.DoneAt, Options.ReceiptUtcOffset));
    }

    /// <summary>
    /// A message from a phone: its text without the UDH and its place in a long message. Src_terminal_Id is the
    /// phone's number (11 digits, or with 86 in front); Dest_Id is the access number and the extension it was sent to.
    /// </summary>
    private InboundEvent Inbound(Deliver packet, DateTime receivedAt)
    {
        var content = packet.MsgContent.Span;
        var hasUdh = packet.TpUdhi == 1;
        var text = CmppText.Decode(content, packet.MsgFmt, hasUdh);
        var part = hasUdh && ConcatenatedPart.TryRead(content, out var p) ? new InboundPart(p.Reference, p.Total, p.Sequence) : null;
        return new InboundEvent(Name, receivedAt, PhoneNumber(packet.SrcTerminalId, international: false), packet.DestId, text, part);
    }
}
