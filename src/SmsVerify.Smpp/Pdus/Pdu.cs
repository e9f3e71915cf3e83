using SmsVerify.Smpp.Codec;

namespace SmsVerify.Smpp.Pdus;

/// <summary>One SMPP PDU: the header fields (SMPP v3.4 §3.2) plus a body each subclass reads and writes.</summary>
public abstract class Pdu
{
    public abstract uint CommandId { get; }
    public uint CommandStatus { get; set; }
    public uint SequenceNumber { get; set; }

    /// <summary>Whole PDU size in octets (the command_length). Validates field lengths, so call it before writing.</summary>
    public int Length => PduHeader.Length + GetBodyLength();

    protected abstract int GetBodyLength();
    protected abstract void WriteBody(ref PduWriter writer);

    /// <summary>Writes the whole PDU; <paramref name="destination"/> must hold <paramref name="length"/> octets.</summary>
    public void WriteTo(Span<byte> destination, int length)
    {
        var writer = new PduWriter(destination[..length]);
        writer.WriteUInt32((uint)length);
        writer.WriteUInt32(CommandId);
        writer.WriteUInt32(CommandStatus);
        writer.WriteUInt32(SequenceNumber);
        WriteBody(ref writer);
    }

    public byte[] ToArray()
    {
        var length = Length;
        var bytes = new byte[length];
        WriteTo(bytes, length);
        return bytes;
    }

    public override string ToString() =>
        $"{Codec.CommandId.Name(CommandId)} seq={SequenceNumber} status={Codec.CommandStatus.Name(CommandStatus)}";
}

/// <summary>A response PDU. Per SMPP v3.4 §4 a response with a non-zero status carries no body.</summary>
public abstract class ResponsePdu : Pdu
{
    protected override int GetBodyLength() => CommandStatus == 0 ? GetOkBodyLength() : 0;

    protected override void WriteBody(ref PduWriter writer)
    {
        if (CommandStatus == 0)
        {
            WriteOkBody(ref writer);
        }
    }

    protected abstract int GetOkBodyLength();
    protected abstract void WriteOkBody(ref PduWriter writer);
}
