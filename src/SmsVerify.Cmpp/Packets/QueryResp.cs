using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// CMPP_QUERY_RESP, §7.4.4.2: Time 8, Query_Type 1, Query_Code 10, then eight 4-octet counters: MT messages from
/// the SP, MT users, MT successes, MT waiting, MT failures, MO successes, MO waiting, MO failures (51 octets).
/// </summary>
public sealed class QueryResp : Packet
{
    public string Time { get; set; } = "";
    public byte QueryType { get; set; }
    public string QueryCode { get; set; } = "";
    public uint MtTotalMessages { get; set; }
    public uint MtTotalUsers { get; set; }
    public uint MtSucceeded { get; set; }
    public uint MtWaiting { get; set; }
    public uint MtFailed { get; set; }
    public uint MoSucceeded { get; set; }
    public uint MoWaiting { get; set; }
    public uint MoFailed { get; set; }

    public override uint CommandId => Codec.CommandId.QueryResp;

    protected override int GetBodyLength()
    {
        PacketWriter.CheckOctetString(Time, 8, nameof(Time));
        PacketWriter.CheckOctetString(QueryCode, 10, nameof(QueryCode));
        return 51;
    }

    protected override void WriteBody(ref PacketWriter writer)
    {
        writer.WriteOctetString(Time, 8);
        writer.WriteByte(QueryType);
        writer.WriteOctetString(QueryCode, 10);
        foreach (var counter in (uint[])[MtTotalMessages, MtTotalUsers, MtSucceeded, MtWaiting, MtFailed, MoSucceeded, MoWaiting, MoFailed])
        {
            writer.WriteUInt32(counter);
        }
    }

    internal static QueryResp Read(ref PacketReader reader) => new()
    {
        Time = reader.ReadOctetString(8),
        QueryType = reader.ReadByte(),
        QueryCode = reader.ReadOctetString(10),
        MtTotalMessages = reader.ReadUInt32(),
        MtTotalUsers = reader.ReadUInt32(),
        MtSucceeded = reader.ReadUInt32(),
        MtWaiting = reader.ReadUInt32(),
        MtFailed = reader.ReadUInt32(),
        MoSucceeded = reader.ReadUInt32(),
        MoWaiting = reader.ReadUInt32(),
        MoFailed = reader.ReadUInt32(),
    };
}
