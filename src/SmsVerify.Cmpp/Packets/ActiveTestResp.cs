using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>CMPP_ACTIVE_TEST_RESP, §7.4.7.2: one Reserved octet.</summary>
public sealed class ActiveTestResp : Packet
{
    public byte Reserved { get; set; }

    public override uint CommandId => Codec.CommandId.ActiveTestResp;

    protected override int GetBodyLength() => 1;
    protected override void WriteBody(ref PacketWriter writer) => writer.WriteByte(Reserved);

    // Some gateways send the response without its octet: accept that too, it answers the test all the same.
    internal static ActiveTestResp Read(ref PacketReader reader) =>
        new() { Reserved = reader.Remaining > 0 ? reader.ReadByte() : (byte)0 };
}
