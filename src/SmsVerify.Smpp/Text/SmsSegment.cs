using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Text;

/// <summary>One part of a message, ready to go into a submit_sm.</summary>
public sealed record SmsSegment(
    ReadOnlyMemory<byte> ShortMessage, byte DataCoding, byte EsmClass, ushort? SarMsgRefNum, byte? SarTotalSegments,
    byte? SarSegmentSeqnum)
{
    public const byte EsmClassUdhIndicator = 0x40;

    /// <summary>Copies this part's octets, data_coding, UDH flag and SAR TLVs into <paramref name="pdu"/>.</summary>
    public void ApplyTo(ShortMessagePdu pdu)
    {
        pdu.ShortMessage = ShortMessage;
        pdu.DataCoding = DataCoding;
        pdu.EsmClass = (byte)((pdu.EsmClass & ~EsmClassUdhIndicator) | EsmClass);
        if (SarMsgRefNum is not null)
        {
            var tlvs = pdu.Tlvs ??= new OptionalParameters();
            tlvs.SarMsgRefNum = SarMsgRefNum;
            tlvs.SarTotalSegments = SarTotalSegments;
            tlvs.SarSegmentSeqnum = SarSegmentSeqnum;
        }
    }
}
