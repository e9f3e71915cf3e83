using System.Globalization;
using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Packets;

/// <summary>
/// The status report inside a CMPP_DELIVER's Msg_Content, §7.4.5.1: Msg_Id 8, Stat 7, Submit_time 10, Done_time 10
/// (both YYMMDDHHMM), Dest_terminal_Id (21 in 2.0, 32 in 3.0), SMSC_sequence 4: 60 octets in 2.0, 71 in 3.0.
/// </summary>
public sealed record StatusReport(ulong MsgId, string Stat, string SubmitTime, string DoneTime, string DestTerminalId,
    uint SmscSequence)
{
    public static int SizeOf(CmppVersion version) => version == CmppVersion.V20 ? 60 : 71;

    public bool IsDelivered => ReportStat.IsDelivered(Stat);

    /// <summary>Submit_time as a time in the gateway's zone, or null when it is not YYMMDDHHMM.</summary>
    public DateTime? SubmittedAt => ParseTime(SubmitTime);

    /// <summary>Done_time as a time in the gateway's zone, or null when it is not YYMMDDHHMM.</summary>
    public DateTime? DoneAt => ParseTime(DoneTime);

    private static DateTime? ParseTime(string text) =>
        DateTime.TryParseExact(text, "yyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public byte[] ToArray(CmppVersion version)
    {
        var width = version == CmppVersion.V20 ? 21 : 32;
        PacketWriter.CheckOctetString(Stat, 7, nameof(Stat));
        PacketWriter.CheckOctetString(SubmitTime, 10, nameof(SubmitTime));
        PacketWriter.CheckOctetString(DoneTime, 10, nameof(DoneTime));
        PacketWriter.CheckOctetString(DestTerminalId, width, nameof(DestTerminalId));
        var bytes = new byte[SizeOf(version)];
        var writer = new PacketWriter(bytes);
        writer.WriteUInt64(MsgId);
        writer.WriteOctetString(Stat, 7);
        writer.WriteOctetString(SubmitTime, 10);
        writer.WriteOctetString(DoneTime, 10);
        writer.WriteOctetString(DestTerminalId, width);
        writer.WriteUInt32(SmscSequence);
        return bytes;
    }

    /// <summary>
    /// Reads the struct. Its length (60 or 71) decides the number's width rather than the link's version, so a
    /// gateway that sends the other version's struct is still understood; any other length is a decode error.
    /// </summary>
    public static StatusReport Read(ReadOnlySpan<byte> content, CmppVersion version)
    {
        var width = content.Length switch
        {
            60 => 21,
            71 => 32,
            _ => throw new CmppDecodeException(
                $"status report of {content.Length} octets; expected {SizeOf(version)} for CMPP {(version == CmppVersion.V20 ? "2.0" : "3.0")}"),
        };
        var reader = new PacketReader(content);
        return new StatusReport(reader.ReadUInt64(), reader.ReadOctetString(7), reader.ReadOctetString(10),
            reader.ReadOctetString(10), reader.ReadOctetString(width), reader.ReadUInt32());
    }
}
