using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.SmppGateway;

/// <summary>An owed delivery that is due, with what its deliver_sm says: the message's outcome, or the reply.</summary>
internal sealed record DueDelivery(
    Guid Id, bool FailuresOnly, string SourceAddr, string DestinationAddr,
    Guid? MessageId, MessageStatus? Status, string? ErrorCode, DateTime? CreatedAt, DateTime? SubmittedAt, DateTime? DoneAt, string? MaskedText,
    string? ReplyText)
{
    /// <summary>The deliver_sm to send; null for a receipt not to send (delivered, and only failures asked for).</summary>
    public DeliverSm? Pdu()
    {
        if (MessageId is not { } messageId)
        {
            return Reply(SourceAddr, DestinationAddr, ReplyText ?? "");
        }
        var state = GatewayQueries.StateOf(Status!.Value, ErrorCode);
        if (FailuresOnly && state == MessageState.Delivered)
        {
            return null;
        }
        var done = DoneAt ?? CreatedAt!.Value;
        var receipt = DeliveryReceipt.Final(messageId.ToString(), state, SubmittedAt ?? CreatedAt!.Value, done,
            state == MessageState.Delivered ? 0 : 1, MaskedText);
        return receipt.ToDeliverSm(SourceAddr, DestinationAddr);
    }

    /// <summary>
    /// A message from a phone: GSM 7-bit when every character has one, else UCS-2; a text too long for short_message
    /// rides whole in message_payload (§5.3.2.32) rather than in parts, which every gateway reads in a deliver_sm.
    /// </summary>
    private static DeliverSm Reply(string from, string to, string text)
    {
        var (coding, octets) = Gsm7.IsEncodable(text) ? (DataCoding.SmscDefault, Gsm7.Encode(text)) : (DataCoding.Ucs2, Ucs2.Encode(text));
        var pdu = new DeliverSm { SourceAddr = from, DestinationAddr = to, DataCoding = coding };
        if (octets.Length <= ShortMessagePdu.MaxShortMessageLength)
        {
            pdu.ShortMessage = octets;
        }
        else
        {
            pdu.Tlvs = new OptionalParameters { MessagePayload = octets };
        }
        return pdu;
    }
}

/// <summary>The one query of owed deliveries: due, not held by a node, and for receipts only once the message is final.</summary>
internal static class OwedDeliveryRows
{
    public static Task<List<DueDelivery>> DueAsync(AppDbContext db, Guid accountId, DateTime now, int limit, CancellationToken cancellationToken) =>
        (from d in db.OwedDeliveries
         join m in db.Messages on d.MessageId equals m.Id into messages
         from m in messages.DefaultIfEmpty()
         join i in db.InboundMessages on d.InboundId equals i.Id into replies
         from i in replies.DefaultIfEmpty()
         where d.AccountId == accountId && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now)
             && (d.InboundId != null
                 || m.Status == MessageStatus.Delivered || m.Status == MessageStatus.Failed || m.Status == MessageStatus.Expired)
         orderby d.Id
         select new DueDelivery(d.Id, d.FailuresOnly, d.SourceAddr, d.DestinationAddr,
             d.MessageId, d.MessageId == null ? null : (MessageStatus?)m.Status, m.ErrorCode, (DateTime?)m.CreatedAt, m.SubmittedAt, m.DoneAt, m.MaskedText, i.Text))
        .Take(limit).ToListAsync(cancellationToken);
}
