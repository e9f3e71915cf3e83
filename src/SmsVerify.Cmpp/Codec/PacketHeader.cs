using System.Buffers.Binary;

namespace SmsVerify.Cmpp.Codec;

/// <summary>The 12-octet message header, CMPP 2.0/3.0 §7.3: Total_Length, Command_Id, Sequence_Id, big-endian.</summary>
public readonly record struct PacketHeader(uint TotalLength, uint CommandId, uint SequenceId)
{
    public const int Length = 12;

    public static PacketHeader Read(ReadOnlySpan<byte> packet) => new(
        BinaryPrimitives.ReadUInt32BigEndian(packet),
        BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(packet[8..]));
}
