namespace SmsVerify.Smpp.Pdus;

/// <summary>enquire_link_resp, SMPP v3.4 §4.11.2: header only.</summary>
public sealed class EnquireLinkResp : EmptyPdu
{
    public override uint CommandId => Codec.CommandId.EnquireLinkResp;
}
