using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// The body SUBMIT_RESP (§7.4.3.2) and DELIVER_RESP (§7.4.5.2) share: Msg_Id 8 and Result, one octet in CMPP 2.0 and
/// four in 3.0, a <see cref="SubmitResult"/> value either way.
/// </summary>
public abstract class MsgIdResultPacket : Packet
{
    public ulong MsgId { get; set; }
    public uint Result { get; set; }

    protected override int GetBodyLength() => 8 + PacketWriter.ResultSize(Version);

    protected override void WriteBody(ref PacketWriter writer)
    {
        writer.WriteUInt64(MsgId);
        writer.WriteResult(Result, Version);
    }

    internal static T Read<T>(ref PacketReader reader, CmppVersion version) where T : MsgIdResultPacket, new() => new()
    {
        Version = version,
        MsgId = reader.ReadUInt64(),
        Result = reader.ReadResult(version),
    };
}
