using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// CMPP_QUERY, §7.4.4.1 (the same in 2.0 and 3.0): the SP's traffic counters for a day. Time 8 (YYYYMMDD),
/// Query_Type 1 (0 the SP as a whole, 1 one service), Query_Code 10 (the Service_Id when the type is 1), Reserve 8.
/// </summary>
public sealed class Query : Packet
{
    public string Time { get; set; } = "";
    public byte QueryType { get; set; }
    public string QueryCode { get; set; } = "";
    public string Reserve { get; set; } = "";

    public override uint CommandId => Codec.CommandId.Query;

    protected override int GetBodyLength()
    {
        PacketWriter.CheckOctetString(Time, 8, nameof(Time));
        PacketWriter.CheckOctetString(QueryCode, 10, nameof(QueryCode));
        PacketWriter.CheckOctetString(Reserve, 8, nameof(Reserve));
        return 27;
    }

    protected override void WriteBody(ref PacketWriter writer)
    {
        writer.WriteOctetString(Time, 8);
        writer.WriteByte(QueryType);
        writer.WriteOctetString(QueryCode, 10);
        writer.WriteOctetString(Reserve, 8);
    }

    internal static Query Read(ref PacketReader reader) => new()
    {
        Time = reader.ReadOctetString(8),
        QueryType = reader.ReadByte(),
        QueryCode = reader.ReadOctetString(10),
        Reserve = reader.ReadOctetString(8),
    };
}
