using System.Text;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Text;

/// <summary>
/// Reads what a submit_sm, deliver_sm or data_sm says: the payload (short_message, or message_payload §5.3.2.32)
/// without its UDH, decoded by data_coding (§5.2.19), and its place in a long message. Returns null for what is not
/// text: 8-bit data (0x02, 0x04, 0xF4–0xF7), an alphabet not supported here (0x05–0x07, 0x09 and up, but 0xF0–0xF3),
/// UCS-2 with an odd number of octets, a UDH longer than the payload. A server answers that with ESME_RINVDCS
/// (<see cref="CommandStatus.InvalidDataCoding"/>), or ESME_RINVMSGLEN for the broken lengths if it must tell apart.
/// </summary>
public static class ShortMessageText
{
    public static MessageText? Read(ShortMessagePdu pdu) => Read(pdu.Payload.Span, pdu.EsmClass, pdu.DataCoding, pdu.Tlvs);

    /// <summary>data_sm carries its text in message_payload only (§4.7.1).</summary>
    public static MessageText? Read(DataSm pdu) =>
        Read(pdu.Tlvs?.MessagePayload is { } payload ? payload.Span : default, pdu.EsmClass, pdu.DataCoding, pdu.Tlvs);

    private static MessageText? Read(ReadOnlySpan<byte> payload, byte esmClass, byte dataCoding, OptionalParameters? tlvs)
    {
        ReadOnlySpan<byte> udh = default;
        if ((esmClass & SmsSegment.EsmClassUdhIndicator) != 0)
        {
            // UDHI (§5.2.12, TS 23.040 §9.2.3.23): the first octet counts the header octets that follow it.
            if (payload.Length == 0 || payload[0] + 1 > payload.Length)
            {
                return null;
            }
            udh = payload[1..(payload[0] + 1)];
            payload = payload[(payload[0] + 1)..];
        }
        return Decode(payload, dataCoding) is { } text ? new MessageText(text, Part(udh, tlvs)) : null;
    }

    /// <summary>
    /// §5.2.19. 0 is the SMSC default alphabet, GSM 03.38 unpacked (one septet an octet) here as at nearly every SMSC;
    /// in the 0xF0 group bit 2 clear means that same alphabet, set means 8-bit data.
    /// </summary>
    private static string? Decode(ReadOnlySpan<byte> octets, byte dataCoding) => dataCoding switch
    {
        DataCoding.SmscDefault or (>= 0xF0 and <= 0xF3) => Gsm7.Decode(octets),
        0x01 => Encoding.ASCII.GetString(octets),
        0x03 => Encoding.Latin1.GetString(octets),
        DataCoding.Ucs2 when octets.Length % 2 == 0 => Ucs2.Decode(octets),
        _ => null,
    };

    /// <summary>SAR TLVs win over the UDH; a part numbered outside 1..total, or a total of 1, is a whole message.</summary>
    private static MessagePart? Part(ReadOnlySpan<byte> udh, OptionalParameters? tlvs)
    {
        if (tlvs is { SarMsgRefNum: { } reference, SarTotalSegments: { } total, SarSegmentSeqnum: { } sequence })
        {
            return Valid(reference, total, sequence);
        }
        // Information elements: identifier, length, data (TS 23.040 §9.2.3.24).
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

        static MessagePart? Valid(int reference, int total, int sequence) =>
            total > 1 && sequence >= 1 && sequence <= total ? new MessagePart(reference, total, sequence) : null;
    }
}
