using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Smpp;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Channels;

internal sealed partial class SmppMessageChannel
{
    private readonly LogThrottle _unreadableLog = new(TimeSpan.FromSeconds(10));
    private int _warnedNoSink;

    /// <summary>
    /// Hands one deliver_sm to the sink and only then answers the SMSC: OK once the sink has it, ESME_RX_T_APPN
    /// (deliver again later) when it failed, so a receipt is never acknowledged and then lost.
    /// </summary>
    private async ValueTask OnDeliveryAsync(IncomingDeliverSm delivery, CancellationToken stopping)
    {
        var channelEvent = ToEvent(Name, delivery.Pdu, _clock.GetUtcNow().UtcDateTime, _options.ReceiptUtcOffset, out var unusable);
        if (channelEvent is null)
        {
            // An intermediate receipt (ENROUTE, ACCEPTD) has nothing final to report. One that cannot be used is
            // acknowledged too: asking for it again would bring the same bytes back for ever.
            if (unusable is not null)
            {
                _stats.CountUnreadableReceipt();
                if (_unreadableLog.ShouldLog(out var held))
                {
                    Log.UnreadableReceipt(_logger, Name, unusable, held, LogSafe.Receipt(Printable(delivery.Pdu)));
                }
            }
            delivery.Acknowledge();
            return;
        }
        if (_sink is null)
        {
            if (Interlocked.Exchange(ref _warnedNoSink, 1) == 0)
            {
                Log.NoSink(_logger, Name);
            }
            delivery.Acknowledge(CommandStatus.ReceiverTemporaryAppError);
            return;
        }
        try
        {
            await _sink.HandleAsync(channelEvent, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return; // stopping: left unanswered, the SMSC delivers it again to whichever node binds next
        }
        catch (Exception e)
        {
            _stats.Error("event not taken: " + e.Message);
            Log.SinkFailed(_logger, Name, e);
            delivery.Acknowledge(CommandStatus.ReceiverTemporaryAppError);
            return;
        }
        delivery.Acknowledge();
        if (channelEvent is ReceiptEvent)
        {
            _stats.CountReceipt();
        }
        else
        {
            _stats.CountInbound();
        }
    }

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
        DateTime? doneAt = receipt.DoneDate is { } done ? DateTime.SpecifyKind(done - receiptUtcOffset, DateTimeKind.Utc) : null;
        return new ReceiptEvent(channel, receivedAt, receipt.MessageId, outcome.Value, error, doneAt);
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

    /// <summary>The phone's number in E.164 when it is recognisably one, else as the carrier gave it.</summary>
    private static string Sender(DeliverSm pdu)
    {
        var from = pdu.SourceAddr.TrimStart('+');
        if (from.Length == 0 || from.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return pdu.SourceAddr;
        }
        if (from.Length == 11 && from[0] == '1' && pdu.SourceAddrTon != 1)
        {
            return "+86" + from; // a national mainland mobile number
        }
        return pdu.SourceAddrTon == 1 || pdu.SourceAddr.StartsWith('+') || (from.Length == 13 && from.StartsWith("86", StringComparison.Ordinal))
            ? "+" + from : pdu.SourceAddr;
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
        return new InboundEvent(channel, receivedAt, Sender(pdu), pdu.DestinationAddr, text, part);
    }
}
