namespace SmsVerify.Cmpp.Packets;

/// <summary>CMPP_TERMINATE, §7.4.2.1: either side ends the session; header only.</summary>
public sealed class Terminate : EmptyPacket
{
    public override uint CommandId => Codec.CommandId.Terminate;
}
