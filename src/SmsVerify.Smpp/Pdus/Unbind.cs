namespace SmsVerify.Smpp.Pdus;

/// <summary>unbind, SMPP v3.4 §4.2.1: header only.</summary>
public sealed class Unbind : EmptyPdu
{
    public override uint CommandId => Codec.CommandId.Unbind;
}
