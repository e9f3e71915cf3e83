using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// One CMPP packet: the header (CMPP §7.3) plus a body each subclass reads and writes. <see cref="Version"/> picks
/// the field widths where 2.0 and 3.0 differ; packets that are the same in both ignore it.
/// </summary>
public abstract class Packet
{
    public abstract uint CommandId { get; }
    public uint SequenceId { get; set; }
    public CmppVersion Version { get; set; } = CmppVersion.V30;

    /// <summary>Whole packet in octets (the Total_Length). Validates field values, so call it before writing.</summary>
    public int Length => PacketHeader.Length + GetBodyLength();

    protected abstract int GetBodyLength();
    protected abstract void WriteBody(ref PacketWriter writer);

    /// <summary>Writes the whole packet; <paramref name="destination"/> must hold <paramref name="length"/> octets.</summary>
    public void WriteTo(Span<byte> destination, int length)
    {
        var writer = new PacketWriter(destination[..length]);
        writer.WriteUInt32((uint)length);
        writer.WriteUInt32(CommandId);
        writer.WriteUInt32(SequenceId);
        WriteBody(ref writer);
    }

    public byte[] ToArray()
    {
        var length = Length;
        var bytes = new byte[length];
        WriteTo(bytes, length);
        return bytes;
    }

    public override string ToString() => $"{Codec.CommandId.Name(CommandId)} seq={SequenceId}";
}

/// <summary>Base of the packets that are a header alone: CMPP_TERMINATE, its response and CMPP_ACTIVE_TEST.</summary>
public abstract class EmptyPacket : Packet
{
    protected override int GetBodyLength() => 0;
    protected override void WriteBody(ref PacketWriter writer) { }
}
