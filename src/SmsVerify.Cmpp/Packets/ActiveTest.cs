namespace SmsVerify.Cmpp.Packets;

/// <summary>CMPP_ACTIVE_TEST, §7.4.7.1: the keep-alive, header only.</summary>
public sealed class ActiveTest : EmptyPacket
{
    public override uint CommandId => Codec.CommandId.ActiveTest;
}
