using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>
/// The body submit_sm (SMPP v3.4 §4.4.1) and deliver_sm (§4.6.1) share, field for field, with their TLVs.
/// </summary>
public abstract class ShortMessagePdu : Pdu
{
    /// <summary>sm_length is one octet, and §4.4.1 caps short_message at 254; longer text goes in message_payload.</summary>
    public const int MaxShortMessageLength = 254;

    public string ServiceType { get; set; } = "";
    public byte SourceAddrTon { get; set; }
    public byte SourceAddrNpi { get; set; }
    public string SourceAddr { get; set; } = "";
    public byte DestAddrTon { get; set; }
    public byte DestAddrNpi { get; set; }
    public string DestinationAddr { get; set; } = "";
    /// <summary>§5.2.12; 0x40 = UDH indicator, 0x04 = SMSC delivery receipt (deliver_sm).</summary>
    public byte EsmClass { get; set; }
    public byte ProtocolId { get; set; }
    public byte PriorityFlag { get; set; }
    public string ScheduleDeliveryTime { get; set; } = "";
    public string ValidityPeriod { get; set; } = "";
    /// <summary>§5.2.17; 1 = SMSC delivery receipt requested on final outcome.</summary>
    public byte RegisteredDelivery { get; set; }
    public byte ReplaceIfPresentFlag { get; set; }
    /// <summary>§5.2.19; 0 = SMSC default alphabet (GSM 7-bit here), 8 = UCS-2.</summary>
    public byte DataCoding { get; set; }
    public byte SmDefaultMsgId { get; set; }
    public ReadOnlyMemory<byte> ShortMessage { get; set; }
    public OptionalParameters? Tlvs { get; set; }

    // §5.2.11 service_type 6, §5.2.8 addresses 21, §5.2.15-16 times 17 (NUL included).
    protected override int GetBodyLength()
    {
        if (ShortMessage.Length > MaxShortMessageLength)
        {
            throw new ArgumentException($"short_message is longer than {MaxShortMessageLength} octets; use message_payload");
        }
        return PduWriter.CStringSize(ServiceType, 6, "service_type")
            + PduWriter.CStringSize(SourceAddr, 21, "source_addr")
            + PduWriter.CStringSize(DestinationAddr, 21, "destination_addr")
            + PduWriter.CStringSize(ScheduleDeliveryTime, 17, "schedule_delivery_time")
            + PduWriter.CStringSize(ValidityPeriod, 17, "validity_period")
            + 12 + ShortMessage.Length + (Tlvs?.GetLength() ?? 0);
    }

    protected override void WriteBody(ref PduWriter writer)
    {
        writer.WriteCString(ServiceType);
        writer.WriteByte(SourceAddrTon);
        writer.WriteByte(SourceAddrNpi);
        writer.WriteCString(SourceAddr);
        writer.WriteByte(DestAddrTon);
        writer.WriteByte(DestAddrNpi);
        writer.WriteCString(DestinationAddr);
        writer.WriteByte(EsmClass);
        writer.WriteByte(ProtocolId);
        writer.WriteByte(PriorityFlag);
        writer.WriteCString(ScheduleDeliveryTime);
        writer.WriteCString(ValidityPeriod);
        writer.WriteByte(RegisteredDelivery);
        writer.WriteByte(ReplaceIfPresentFlag);
        writer.WriteByte(DataCoding);
        writer.WriteByte(SmDefaultMsgId);
        writer.WriteByte((byte)ShortMessage.Length);
        writer.WriteBytes(ShortMessage.Span);
        Tlvs?.Write(ref writer);
    }

    protected void ReadBody(ref PduReader reader)
    {
        ServiceType = reader.ReadCString(6, Status.InvalidServiceType);
        SourceAddrTon = reader.ReadByte();
        SourceAddrNpi = reader.ReadByte();
        SourceAddr = reader.ReadCString(21, Status.InvalidSourceAddress);
        DestAddrTon = reader.ReadByte();
        DestAddrNpi = reader.ReadByte();
        DestinationAddr = reader.ReadCString(21, Status.InvalidDestinationAddress);
        EsmClass = reader.ReadByte();
        ProtocolId = reader.ReadByte();
        PriorityFlag = reader.ReadByte();
        ScheduleDeliveryTime = reader.ReadCString(17, Status.InvalidScheduleTime);
        ValidityPeriod = reader.ReadCString(17, Status.InvalidExpiryTime);
        RegisteredDelivery = reader.ReadByte();
        ReplaceIfPresentFlag = reader.ReadByte();
        DataCoding = reader.ReadByte();
        SmDefaultMsgId = reader.ReadByte();
        var smLength = reader.ReadByte();
        if (smLength > MaxShortMessageLength)
        {
            throw new SmppDecodeException(Status.InvalidMessageLength, $"sm_length {smLength} exceeds 254");
        }
        ShortMessage = reader.ReadBytes(smLength).ToArray();
        Tlvs = OptionalParameters.Read(ref reader);
    }

    /// <summary>The message octets: short_message, or message_payload when short_message is empty (§5.3.2.32).</summary>
    public ReadOnlyMemory<byte> Payload =>
        ShortMessage.Length == 0 && Tlvs?.MessagePayload is { } payload ? payload : ShortMessage;
}
