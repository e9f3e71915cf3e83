using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Channels;

internal sealed partial class SmppMessageChannel
{
    /// <summary>One deliver_sm to the sink, then deliver_sm_resp: OK once kept, ESME_RX_T_APPN (deliver again later) when not.</summary>
    private ValueTask OnDeliveryAsync(IncomingDeliverSm delivery, CancellationToken stopping) =>
        HandOverAsync(ToEvent(Name, delivery.Pdu, Clock.GetUtcNow().UtcDateTime, Options.ReceiptUtcOffset, out var unusable), unusable,
            () => Printable(delivery.Pdu), () => delivery.Acknowledge(), () => delivery.Acknowledge(CommandStatus.ReceiverTemporaryAppError), stopping);

    /// <summary>
    /// A receipt (esm_class 0x04 or a receipted_message_id) or else a message from a phone; null for a receipt that
    /// settles nothing: a non-final one, or one that cannot be used, with <paramref name="unusable"/> saying why.
    /// </summary>
    internal static ChannelEvent? ToEvent(string channel, DeliverSm pdu, DateTime receivedAt, TimeSpan receiptUtcOffset, out string? unusable)
    {
        unusable = null;
        if (!pdu.IsDeliveryReceipt && pdu.Tlvs?.ReceiptedMessageId is null)
        {
            return Inbound(channel, pdu, receivedAt);
        }
        if (!DeliveryReceipt.TryParse(pdu, out var receipt))
        {
            unusable = "no message id";
            return null;
        }
        ReceiptOutcome? outcome = receipt.State switch
        {
            MessageState.Delivered => ReceiptOutcome.Delivered,
            MessageState.Expired => ReceiptOutcome.Expired,
            MessageState.Undeliverable or MessageState.Rejected or MessageState.Deleted => ReceiptOutcome.Failed,
            _ => null,
        };
        if (outcome is null)
        {
            // No stat, or one no SMSC defines: guessing "failed" would mark a message the phone may well have.
            unusable = receipt.State is MessageState.Enroute or MessageState.Accepted ? null : "no status that can be read";
            return null;
        }
        var error = receipt.ErrorCode is { } err && err.Trim('0').Length > 0 ? err
            : receipt.NetworkError is { } network ? $"{network.NetworkType}:{network.ErrorCode}" : null;
        return new ReceiptEvent(channel, receivedAt, receipt.MessageId, outcome.Value, error, ReceiptTimeUtc(receipt.DoneDate, receiptUtcOffset));
    }

    /// <summary>The receipt's text for a log line: control characters shown as '.', cut to 160 characters.</summary>
    private static string Printable(DeliverSm pdu)
    {
        var payload = pdu.Payload.Span;
        var text = System.Text.Encoding.Latin1.GetString(payload[..Math.Min(payload.Length, 160)]).ToCharArray();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
            {
                text[i] = '.';
            }
        }
        return new string(text);
    }

    /// <summary>
    /// A message from a phone: its text without the UDH and its place in a long message (TS 23.040 §9.2.3.24 or
    /// the SAR TLVs), read by the library. What is not text (8-bit data, a broken UDH) is kept as Latin-1 octets
    /// rather than dropped: the SMSC has it delivered already, and a person may still make sense of it.
    /// </summary>
    private static InboundEvent Inbound(string channel, DeliverSm pdu, DateTime receivedAt)
    {
        var read = ShortMessageText.Read(pdu);
        var text = read?.Text ?? System.Text.Encoding.Latin1.GetString(pdu.Payload.Span);
        var part = read?.Part is { } p ? new InboundPart(p.Reference, p.Total, p.Sequence) : null;
        return new InboundEvent(channel, receivedAt, PhoneNumber(pdu.SourceAddr, international: pdu.SourceAddrTon == 1), pdu.DestinationAddr, text, part);
    }
}
