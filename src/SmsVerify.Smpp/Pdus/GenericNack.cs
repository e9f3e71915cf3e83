namespace SmsVerify.Smpp.Pdus;

/// <summary>generic_nack, SMPP v3.4 §4.3.1: header only.</summary>
public sealed class GenericNack : EmptyPdu
{
    public override uint CommandId => Codec.CommandId.GenericNack;
}
