using SmsVerify.Smpp.Codec;

namespace SmsVerify.Smpp.Pdus;

/// <summary>Base of the PDUs that are a header alone: unbind, enquire_link, generic_nack, cancel_sm_resp and their kin.</summary>
public abstract class EmptyPdu : Pdu
{
    protected override int GetBodyLength() => 0;
    protected override void WriteBody(ref PduWriter writer) { }
}
