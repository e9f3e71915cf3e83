using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Channels;

internal sealed partial class SmppMessageChannel
{
    private int _warnedNoSink;

    /// <summary>
    /// Hands one deliver_sm to the sink and only then answers the SMSC: OK once the sink has it, ESME_RX_T_APPN
    /// (deliver again later) when it failed, so a receipt is never acknowledged and then lost.
    /// </summary>
    private async ValueTask OnDeliveryAsync(IncomingDeliverSm delivery, CancellationToken stopping)
    {
        var channelEvent = ToEvent(Name, delivery.Pdu, _clock.GetUtcNow().UtcDateTime, _options.ReceiptUtcOffset);
        if (channelEvent is null)
        {
            delivery.Acknowledge(); // an intermediate receipt (ENROUTE, ACCEPTD): nothing final to report
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

    /// <summary>A receipt (esm_class 0x04 or a receipted_message_id) or else a message from a phone; null for a non-final receipt.</summary>
    internal static ChannelEvent? ToEvent(string channel, DeliverSm pdu, DateTime receivedAt, TimeSpan receiptUtcOffset)
    {
        if (!pdu.IsDeliveryReceipt && pdu.Tlvs?.ReceiptedMessageId is null)
        {
            return new InboundEvent(channel, receivedAt, Sender(pdu), pdu.DestinationAddr, Text(pdu), Part(pdu));
        }
        if (!DeliveryReceipt.TryParse(pdu, out var receipt))
        {
            return null; // no message id: nothing it could be matched to
        }
        ReceiptOutcome? outcome = receipt.State switch
        {
            MessageState.Delivered => ReceiptOutcome.Delivered,
            MessageState.Expired => ReceiptOutcome.Expired,
            MessageState.Undeliverable or MessageState.Rejected or MessageState.Deleted or MessageState.Unknown => ReceiptOutcome.Failed,
            _ => null,
        };
        if (outcome is null)
        {
            return null;
        }
        var error = receipt.ErrorCode is { } err && err.Trim('0').Length > 0 ? err
            : receipt.NetworkError is { } network ? $"{network.NetworkType}:{network.ErrorCode}" : null;
        DateTime? doneAt = receipt.DoneDate is { } done ? DateTime.SpecifyKind(done - receiptUtcOffset, DateTimeKind.Utc) : null;
        return new ReceiptEvent(channel, receivedAt, receipt.MessageId, outcome.Value, error, doneAt);
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
    /// Which part of a long message this is, from the SAR TLVs (§5.3.2.22–24) or the UDH's concatenation element
    /// (3GPP TS 23.040 §9.2.3.24.1 with an 8-bit reference, §9.2.3.24.8 with a 16-bit one); null for a whole message.
    /// </summary>
    internal static InboundPart? Part(DeliverSm pdu)
    {
        if (pdu.Tlvs is { SarMsgRefNum: { } reference, SarTotalSegments: { } total, SarSegmentSeqnum: { } sequence })
        {
            return Valid(reference, total, sequence);
        }
        var payload = pdu.Payload.Span;
        if ((pdu.EsmClass & SmsSegment.EsmClassUdhIndicator) == 0 || payload.Length == 0 || payload[0] + 1 > payload.Length)
        {
            return null;
        }
        var udh = payload[1..(payload[0] + 1)];
        while (udh.Length >= 2 && udh[1] + 2 <= udh.Length)
        {
            var element = udh[2..(udh[1] + 2)];
            switch (udh[0])
            {
                case 0x00 when element.Length == 3:
                    return Valid(element[0], element[1], element[2]);
                case 0x08 when element.Length == 4:
                    return Valid(element[0] << 8 | element[1], element[2], element[3]);
            }
            udh = udh[(udh[1] + 2)..];
        }
        return null;

        static InboundPart? Valid(int reference, int total, int sequence) =>
            total > 1 && sequence >= 1 && sequence <= total ? new InboundPart(reference, total, sequence) : null;
    }

    /// <summary>The text of one part: its UDH skipped, decoded by data_coding (§5.2.19).</summary>
    private static string Text(DeliverSm pdu)
    {
        var payload = pdu.Payload.Span;
        if ((pdu.EsmClass & SmsSegment.EsmClassUdhIndicator) != 0 && payload.Length > 0)
        {
            payload = payload[Math.Min(payload.Length, payload[0] + 1)..];
        }
        return pdu.DataCoding switch
        {
            DataCoding.Ucs2 => Ucs2.Decode(payload),
            0x03 or 0x04 => System.Text.Encoding.Latin1.GetString(payload),
            _ => Gsm7.Decode(payload),
        };
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Channel {Channel}: nothing takes receipts or replies in this server; asking the SMSC to deliver them again later")]
        public static partial void NoSink(ILogger logger, string channel);

        [LoggerMessage(LogLevel.Warning, "Channel {Channel}: a receipt or reply was not taken; the SMSC will deliver it again")]
        public static partial void SinkFailed(ILogger logger, string channel, Exception exception);
    }
}
