using System.Buffers.Binary;

namespace SmsVerify.Smpp.Codec;

/// <summary>The 16-octet PDU header, SMPP v3.4 Issue 1.2 §3.2: four big-endian integers.</summary>
public readonly record struct PduHeader(uint CommandLength, uint CommandId, uint CommandStatus, uint SequenceNumber)
{
    public const int Length = 16;

    public static PduHeader Read(ReadOnlySpan<byte> pdu) => new(
        BinaryPrimitives.ReadUInt32BigEndian(pdu),
        BinaryPrimitives.ReadUInt32BigEndian(pdu[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(pdu[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(pdu[12..]));
}
