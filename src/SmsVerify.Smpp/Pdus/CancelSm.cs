using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>
/// cancel_sm, SMPP v3.4 §4.9.1: withdraw a message submitted earlier and not yet delivered. An empty message_id with
/// service_type and both addresses set asks to cancel every pending message between them.
/// </summary>
public sealed class CancelSm : Pdu
{
    public string ServiceType { get; set; } = "";
    public string MessageId { get; set; } = "";
    public byte SourceAddrTon { get; set; }
    public byte SourceAddrNpi { get; set; }
    public string SourceAddr { get; set; } = "";
    public byte DestAddrTon { get; set; }
    public byte DestAddrNpi { get; set; }
    public string DestinationAddr { get; set; } = "";

    public override uint CommandId => Codec.CommandId.CancelSm;

    // §5.2.11 service_type 6, §5.2.23 message_id 65, §5.2.8-9 addresses 21 (NUL included).
    protected override int GetBodyLength() =>
        PduWriter.CStringSize(ServiceType, 6, "service_type") + PduWriter.CStringSize(MessageId, 65, "message_id")
        + PduWriter.CStringSize(SourceAddr, 21, "source_addr") + PduWriter.CStringSize(DestinationAddr, 21, "destination_addr") + 4;

    protected override void WriteBody(ref PduWriter writer)
    {
        writer.WriteCString(ServiceType);
        writer.WriteCString(MessageId);
        writer.WriteByte(SourceAddrTon);
        writer.WriteByte(SourceAddrNpi);
        writer.WriteCString(SourceAddr);
        writer.WriteByte(DestAddrTon);
        writer.WriteByte(DestAddrNpi);
        writer.WriteCString(DestinationAddr);
    }

    internal static CancelSm Read(ref PduReader reader) => new()
    {
        ServiceType = reader.ReadCString(6, Status.InvalidServiceType),
        MessageId = reader.ReadCString(65, Status.InvalidMessageId),
        SourceAddrTon = reader.ReadByte(),
        SourceAddrNpi = reader.ReadByte(),
        SourceAddr = reader.ReadCString(21, Status.InvalidSourceAddress),
        DestAddrTon = reader.ReadByte(),
        DestAddrNpi = reader.ReadByte(),
        DestinationAddr = reader.ReadCString(21, Status.InvalidDestinationAddress),
    };
}
