namespace SmsVerify.Cmpp.Packets;

/// <summary>CMPP_SUBMIT_RESP, §7.4.3.2: the gateway's Msg_Id and the Result, 8 being flow control.</summary>
public sealed class SubmitResp : MsgIdResultPacket
{
    public override uint CommandId => Codec.CommandId.SubmitResp;
}
