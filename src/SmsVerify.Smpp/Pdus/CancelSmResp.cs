namespace SmsVerify.Smpp.Pdus;

/// <summary>cancel_sm_resp, SMPP v3.4 §4.9.2: the header alone; command_status says whether the message was withdrawn.</summary>
public sealed class CancelSmResp : EmptyPdu
{
    public override uint CommandId => Codec.CommandId.CancelSmResp;
}
