using SmsVerify.Smpp.Codec;

namespace SmsVerify.Smpp.Pdus;

/// <summary>submit_sm, SMPP v3.4 §4.4.1: the ESME hands one short message to the SMSC.</summary>
public sealed class SubmitSm : ShortMessagePdu
{
    public override uint CommandId => Codec.CommandId.SubmitSm;

    internal static SubmitSm Read(ref PduReader reader)
    {
        var pdu = new SubmitSm();
        pdu.ReadBody(ref reader);
        return pdu;
    }
}
