namespace SmsVerify.Smpp.Pdus;

/// <summary>unbind_resp, SMPP v3.4 §4.2.2: header only.</summary>
public sealed class UnbindResp : EmptyPdu
{
    public override uint CommandId => Codec.CommandId.UnbindResp;
}
