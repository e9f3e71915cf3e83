namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// CMPP_DELIVER_RESP, §7.4.5.2: the delivered Msg_Id and the Result, 0 kept and 8 flow control (the gateway
/// delivers it again later).
/// </summary>
public sealed class DeliverResp : MsgIdResultPacket
{
    public override uint CommandId => Codec.CommandId.DeliverResp;
}
