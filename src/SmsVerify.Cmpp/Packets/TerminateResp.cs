namespace SmsVerify.Cmpp.Packets;

/// <summary>CMPP_TERMINATE_RESP, §7.4.2.2: header only; the side that asked then closes the connection.</summary>
public sealed class TerminateResp : EmptyPacket
{
    public override uint CommandId => Codec.CommandId.TerminateResp;
}
