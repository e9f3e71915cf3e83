namespace SmsVerify.Smpp.Pdus;

/// <summary>enquire_link, SMPP v3.4 §4.11.1: header only.</summary>
public sealed class EnquireLink : EmptyPdu
{
    public override uint CommandId => Codec.CommandId.EnquireLink;
}
