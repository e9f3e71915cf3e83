using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>data_sm, SMPP v3.4 §4.7.1: like submit_sm without short_message; the text rides in message_payload.</summary>
public sealed class DataSm : Pdu
{
    public string ServiceType { get; set; } = "";
    public byte SourceAddrTon { get; set; }
    public byte SourceAddrNpi { get; set; }
    public string SourceAddr { get; set; } = "";
    public byte DestAddrTon { get; set; }
    public byte DestAddrNpi { get; set; }
    public string DestinationAddr { get; set; } = "";
    public byte EsmClass { get; set; }
    public byte RegisteredDelivery { get; set; }
    public byte DataCoding { get; set; }
    public OptionalParameters? Tlvs { get; set; }

    public override uint CommandId => Codec.CommandId.DataSm;

    // §4.7.1: data_sm addresses may be 65 octets, not 21.
    protected override int GetBodyLength() =>
        PduWriter.CStringSize(ServiceType, 6, "service_type") + PduWriter.CStringSize(SourceAddr, 65, "source_addr")
        + PduWriter.CStringSize(DestinationAddr, 65, "destination_addr") + 7 + (Tlvs?.GetLength() ?? 0);

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
        writer.WriteByte(RegisteredDelivery);
        writer.WriteByte(DataCoding);
        Tlvs?.Write(ref writer);
    }

    internal static DataSm Read(ref PduReader reader) => new()
    {
        ServiceType = reader.ReadCString(6, Status.InvalidServiceType),
        SourceAddrTon = reader.ReadByte(),
        SourceAddrNpi = reader.ReadByte(),
        SourceAddr = reader.ReadCString(65, Status.InvalidSourceAddress),
        DestAddrTon = reader.ReadByte(),
        DestAddrNpi = reader.ReadByte(),
        DestinationAddr = reader.ReadCString(65, Status.InvalidDestinationAddress),
        EsmClass = reader.ReadByte(),
        RegisteredDelivery = reader.ReadByte(),
        DataCoding = reader.ReadByte(),
        Tlvs = OptionalParameters.Read(ref reader),
    };
}
