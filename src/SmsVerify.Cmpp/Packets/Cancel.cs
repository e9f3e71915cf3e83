using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>CMPP_CANCEL, §7.4.6.1: withdraw a message not yet delivered, by the gateway's Msg_Id (8 octets).</summary>
public sealed class Cancel : Packet
{
    public ulong MsgId { get; set; }

    public override uint CommandId => Codec.CommandId.Cancel;

    protected override int GetBodyLength() => 8;
    protected override void WriteBody(ref PacketWriter writer) => writer.WriteUInt64(MsgId);

    internal static Cancel Read(ref PacketReader reader) => new() { MsgId = reader.ReadUInt64() };
}
