using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>CMPP_CANCEL_RESP, §7.4.6.2: Success_Id, 0 withdrawn and 1 not (1 octet in 2.0, 4 in 3.0).</summary>
public sealed class CancelResp : Packet
{
    public uint SuccessId { get; set; }

    public bool Cancelled => SuccessId == 0;

    public override uint CommandId => Codec.CommandId.CancelResp;

    protected override int GetBodyLength() => PacketWriter.ResultSize(Version);
    protected override void WriteBody(ref PacketWriter writer) => writer.WriteResult(SuccessId, Version);

    internal static CancelResp Read(ref PacketReader reader, CmppVersion version) =>
        new() { Version = version, SuccessId = reader.ReadResult(version) };
}
