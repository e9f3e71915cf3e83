using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;
using static SmsVerify.Cmpp.Tests.Support.Octets;

namespace SmsVerify.Cmpp.Tests.Codec;

/// <summary>CMPP_DELIVER (MO and status report) and its response, laid out by hand from §7.4.5 of both specifications.</summary>
public class DeliverVectorTests
{
    private const string MsgId = "C3A092803039002A";
    private const string Phone = "3133383030313338303030"; // "13800138000"

    // Msg_Id 8 | Stat 7 "DELIVRD" | Submit_time 10 "2612070809" | Done_time 10 "2612070810" | Dest_terminal_Id | SMSC_sequence 4.
    private static string ReportHex(int numberWidth) => MsgId + " 44454C49565244 32363132303730383039 32363132303730383130 "
        + Phone + Zeros(numberWidth - 11) + " 00000007";

    private static readonly StatusReport Report = new(0xC3A092803039002A, ReportStat.Delivered, "2612070809", "2612070810", "13800138000", 7);

    [Fact]
    public void Deliver20_Mo_EncodesEveryField()
    {
        var mo = new Deliver
        {
            Version = CmppVersion.V20,
            SequenceId = 9,
            MsgId = 0xC3A092803039002A,
            DestId = "1069000101",
            MsgFmt = MsgFmt.Ucs2,
            SrcTerminalId = "13800138000",
            MsgContent = Hex("4E2D56FD"),
        };
        var expected = Hex("00000059 00000005 00000009 " + MsgId
            + " 31303639303030313031" + Zeros(11)        // Dest_Id 21
            + Zeros(10) + " 00 00 08"                   // Service_Id 10, TP_pid, TP_udhi, Msg_Fmt
            + Phone + Zeros(10) + " 00"                 // Src_terminal_Id 21, Registered_Delivery
            + " 04 4E2D56FD" + Zeros(8));               // Msg_Length, Msg_Content, Reserved 8

        Assert.Equal(expected, mo.ToArray());
        var decoded = Assert.IsType<Deliver>(PacketDecoder.Decode(expected, CmppVersion.V20));
        Assert.False(decoded.IsStatusReport);
        Assert.Equal(("1069000101", "13800138000", "中国"), (decoded.DestId, decoded.SrcTerminalId, CmppText.Decode(decoded.MsgContent.Span, decoded.MsgFmt)));
    }

    [Fact]
    public void Deliver20_StatusReport_IsSixtyOctetsInsideMsgContent()
    {
        Assert.Equal(Hex(ReportHex(21)), Report.ToArray(CmppVersion.V20));
        Assert.Equal(60, Report.ToArray(CmppVersion.V20).Length);
        var deliver = Deliver.ForReport(Report, "10690001", CmppVersion.V20);
        deliver.SequenceId = 10;
        var expected = Hex("00000091 00000005 0000000A " + MsgId
            + " 3130363930303031" + Zeros(13) + Zeros(10) + " 00 00 00"
            + Phone + Zeros(10) + " 01"                 // Src_terminal_Id, Registered_Delivery 1: a report
            + " 3C " + ReportHex(21) + Zeros(8));        // Msg_Length 60

        Assert.Equal(expected, deliver.ToArray());
        var decoded = Assert.IsType<Deliver>(PacketDecoder.Decode(expected, CmppVersion.V20));
        Assert.Equal(Report, decoded.ReadStatusReport());
    }

    [Fact]
    public void Deliver30_StatusReport_IsSeventyOneOctetsWithThirtyTwoOctetNumbers()
    {
        Assert.Equal(Hex(ReportHex(32)), Report.ToArray(CmppVersion.V30));
        var deliver = Deliver.ForReport(Report, "10690001", CmppVersion.V30);
        deliver.SequenceId = 11;
        deliver.LinkId = "L1";
        var expected = Hex("000000B4 00000005 0000000B " + MsgId
            + " 3130363930303031" + Zeros(13) + Zeros(10) + " 00 00 00"
            + Phone + Zeros(21) + " 00 01"              // Src_terminal_Id 32, Src_terminal_type, Registered_Delivery
            + " 47 " + ReportHex(32) + " 4C31" + Zeros(18)); // Msg_Length 71, report, LinkID 20

        Assert.Equal(expected, deliver.ToArray());
        var decoded = Assert.IsType<Deliver>(PacketDecoder.Decode(expected, CmppVersion.V30));
        Assert.True(decoded.IsStatusReport);
        Assert.Equal(Report, decoded.ReadStatusReport());
        Assert.True(decoded.ReadStatusReport().IsDelivered);
        Assert.Equal((new DateTime(2026, 12, 7, 8, 9, 0), new DateTime(2026, 12, 7, 8, 10, 0)), (Report.SubmittedAt, Report.DoneAt));
        Assert.Null((Report with { DoneTime = "2613320000" }).DoneAt); // month 13 is no time
    }

    [Fact]
    public void StatusReport_OfAnotherLength_IsADecodeError() =>
        Assert.Throws<CmppDecodeException>(() => StatusReport.Read(new byte[59], CmppVersion.V20));

    [Theory]
    [InlineData(CmppVersion.V20, "00000015 80000005 0000000C " + MsgId + " 00")]
    [InlineData(CmppVersion.V30, "00000018 80000005 0000000C " + MsgId + " 00000000")]
    public void DeliverResp_CarriesMsgIdAndResultInTheVersionsWidth(CmppVersion version, string hex)
    {
        var resp = new DeliverResp { Version = version, SequenceId = 12, MsgId = 0xC3A092803039002A };
        Assert.Equal(Hex(hex), resp.ToArray());
        Assert.Equal(0xC3A092803039002AUL, Assert.IsType<DeliverResp>(PacketDecoder.Decode(Hex(hex), version)).MsgId);
    }
}
