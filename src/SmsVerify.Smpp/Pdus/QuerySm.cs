using SmsVerify.Smpp.Codec;
using Status = SmsVerify.Smpp.Codec.CommandStatus;

namespace SmsVerify.Smpp.Pdus;

/// <summary>query_sm, SMPP v3.4 §4.8.1: the state of a message submitted earlier.</summary>
public sealed class QuerySm : Pdu
{
    public string MessageId { get; set; } = "";
    public byte SourceAddrTon { get; set; }
    public byte SourceAddrNpi { get; set; }
    public string SourceAddr { get; set; } = "";

    public override uint CommandId => Codec.CommandId.QuerySm;

    protected override int GetBodyLength() =>
        PduWriter.CStringSize(MessageId, 65, "message_id") + 2 + PduWriter.CStringSize(SourceAddr, 21, "source_addr");

    protected override void WriteBody(ref PduWriter writer)
    {
        writer.WriteCString(MessageId);
        writer.WriteByte(SourceAddrTon);
        writer.WriteByte(SourceAddrNpi);
        writer.WriteCString(SourceAddr);
    }

    internal static QuerySm Read(ref PduReader reader) => new()
    {
        MessageId = reader.ReadCString(65, Status.InvalidMessageId),
        SourceAddrTon = reader.ReadByte(),
        SourceAddrNpi = reader.ReadByte(),
        SourceAddr = reader.ReadCString(21, Status.InvalidSourceAddress),
    };
}
