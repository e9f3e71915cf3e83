using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// CMPP_DELIVER, CMPP 2.0/3.0 §7.4.5.1: a mobile-originated message, or, with Registered_Delivery 1, a status
/// report whose struct fills Msg_Content (<see cref="StatusReport"/>). Src_terminal_Id is 21 octets in 2.0 and 32 in
/// 3.0, which adds Src_terminal_type; the trailing Reserved 8 of 2.0 is LinkID 20 in 3.0.
/// </summary>
public sealed class Deliver : Packet
{
    public ulong MsgId { get; set; }
    /// <summary>The SP's number the phone sent to (access number plus extension).</summary>
    public string DestId { get; set; } = "";
    public string ServiceId { get; set; } = "";
    public byte TpPid { get; set; }
    public byte TpUdhi { get; set; }
    public byte MsgFmt { get; set; }
    /// <summary>The phone that sent the message (for a report: the phone the report is about).</summary>
    public string SrcTerminalId { get; set; } = "";
    public byte SrcTerminalType { get; set; } // 3.0 only
    public byte RegisteredDelivery { get; set; }
    public ReadOnlyMemory<byte> MsgContent { get; set; }
    /// <summary>Reserved (8 octets) in 2.0, LinkID (20) in 3.0.</summary>
    public string LinkId { get; set; } = "";

    public override uint CommandId => Codec.CommandId.Deliver;

    public bool IsStatusReport => RegisteredDelivery == 1;

    /// <summary>The report Msg_Content carries; throws <see cref="CmppDecodeException"/> when it is not one.</summary>
    public StatusReport ReadStatusReport() => StatusReport.Read(MsgContent.Span, Version);

    /// <summary>A status report for <paramref name="report"/>, as a gateway sends it.</summary>
    public static Deliver ForReport(StatusReport report, string destId, CmppVersion version) => new()
    {
        Version = version,
        MsgId = report.MsgId,
        DestId = destId,
        SrcTerminalId = report.DestTerminalId,
        RegisteredDelivery = 1,
        MsgContent = report.ToArray(version),
    };

    private int TerminalWidth => Version == CmppVersion.V20 ? 21 : 32;
    private int TrailerWidth => Version == CmppVersion.V20 ? 8 : 20;

    protected override int GetBodyLength()
    {
        PacketWriter.CheckOctetString(DestId, 21, nameof(DestId));
        PacketWriter.CheckOctetString(ServiceId, 10, nameof(ServiceId));
        PacketWriter.CheckOctetString(SrcTerminalId, TerminalWidth, nameof(SrcTerminalId));
        PacketWriter.CheckOctetString(LinkId, TrailerWidth, nameof(LinkId));
        if (MsgContent.Length > byte.MaxValue)
        {
            throw new ArgumentException("Msg_Content is longer than 255 octets", nameof(MsgContent));
        }
        // 2.0: 65 octets before Msg_Content (Msg_Length last), 3.0: 77.
        return (Version == CmppVersion.V20 ? 65 : 77) + MsgContent.Length + TrailerWidth;
    }

    protected override void WriteBody(ref PacketWriter writer)
    {
        writer.WriteUInt64(MsgId);
        writer.WriteOctetString(DestId, 21);
        writer.WriteOctetString(ServiceId, 10);
        writer.WriteByte(TpPid);
        writer.WriteByte(TpUdhi);
        writer.WriteByte(MsgFmt);
        writer.WriteOctetString(SrcTerminalId, TerminalWidth);
        if (Version == CmppVersion.V30)
        {
            writer.WriteByte(SrcTerminalType);
        }
        writer.WriteByte(RegisteredDelivery);
        writer.WriteByte((byte)MsgContent.Length);
        writer.WriteBytes(MsgContent.Span);
        writer.WriteOctetString(LinkId, TrailerWidth);
    }

    internal static Deliver Read(ref PacketReader reader, CmppVersion version)
    {
        var v3 = version == CmppVersion.V30;
        return new Deliver
        {
            Version = version,
            MsgId = reader.ReadUInt64(),
            DestId = reader.ReadOctetString(21),
            ServiceId = reader.ReadOctetString(10),
            TpPid = reader.ReadByte(),
            TpUdhi = reader.ReadByte(),
            MsgFmt = reader.ReadByte(),
            SrcTerminalId = reader.ReadOctetString(v3 ? 32 : 21),
            SrcTerminalType = v3 ? reader.ReadByte() : (byte)0,
            RegisteredDelivery = reader.ReadByte(),
            MsgContent = reader.ReadBytes(reader.ReadByte()).ToArray(),
            LinkId = reader.ReadOctetString(v3 ? 20 : 8),
        };
    }
}
