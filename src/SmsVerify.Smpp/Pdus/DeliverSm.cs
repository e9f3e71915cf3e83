using SmsVerify.Smpp.Codec;

namespace SmsVerify.Smpp.Pdus;

/// <summary>
/// deliver_sm, SMPP v3.4 §4.6.1: a mobile-originated message, or a delivery receipt when esm_class has
/// 0x04 set (§5.2.12). schedule_delivery_time and validity_period must be NULL here; we accept any value.
/// </summary>
public sealed class DeliverSm : ShortMessagePdu
{
    public const byte EsmClassDeliveryReceipt = 0x04;

    public override uint CommandId => Codec.CommandId.DeliverSm;

    public bool IsDeliveryReceipt => (EsmClass & 0x3C) == EsmClassDeliveryReceipt;

    internal static DeliverSm Read(ref PduReader reader)
    {
        var pdu = new DeliverSm();
        pdu.ReadBody(ref reader);
        return pdu;
    }
}
