using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using static SmsVerify.Cmpp.Tests.Support.Octets;

namespace SmsVerify.Cmpp.Tests.Codec;

/// <summary>CMPP_SUBMIT and its response against octets laid out by hand from §7.4.3 of both specifications.</summary>
public class SubmitVectorTests
{
    private const string MsgId = "C3A092803039002A"; // 12-07 08:09:10, gateway 12345, sequence 42
    private const string Zhongguo = "4E2D56FD";      // "中国" in UCS-2

    private static Submit Sample(CmppVersion version) => new()
    {
        Version = version,
        SequenceId = 5,
        RegisteredDelivery = 1,
        ServiceId = "SMSV",
        FeeUserType = 2,
        MsgFmt = 8,
        MsgSrc = "901234",
        SrcId = "10690001",
        DestTerminalIds = ["13800138000"],
        MsgContent = Hex(Zhongguo),
    };

    [Fact]
    public void Submit20_EncodesEveryFieldWithTwentyOneOctetNumbersAndReserve()
    {
        var expected = Hex("000000A3 00000004 00000005"
            + " 0000000000000000 01 01 01 00"          // Msg_Id, Pk_total, Pk_number, Registered_Delivery, Msg_level
            + " 534D5356" + Zeros(6) + " 02"           // Service_Id 10, Fee_UserType
            + Zeros(21) + " 00 00 08"                  // Fee_terminal_Id 21, TP_pId, TP_udhi, Msg_Fmt
            + " 393031323334 3031 303030303030"        // Msg_src 6, FeeType 2, FeeCode 6
            + Zeros(17) + Zeros(17)                    // ValId_Time, At_Time
            + " 3130363930303031" + Zeros(13) + " 01"  // Src_Id 21, DestUsr_tl
            + " 3133383030313338303030" + Zeros(10)    // Dest_terminal_Id 21
            + " 04 " + Zhongguo + Zeros(8));           // Msg_Length, Msg_Content, Reserve 8

        Assert.Equal(expected, Sample(CmppVersion.V20).ToArray());
        var decoded = Assert.IsType<Submit>(PacketDecoder.Decode(expected, CmppVersion.V20));
        Assert.Equal(("SMSV", "901234", "10690001", "13800138000"), (decoded.ServiceId, decoded.MsgSrc, decoded.SrcId, decoded.DestTerminalIds.Single()));
        Assert.Equal((1, 8, "01", "000000"), (decoded.RegisteredDelivery, decoded.MsgFmt, decoded.FeeType, decoded.FeeCode));
        Assert.Equal(Hex(Zhongguo), decoded.MsgContent.ToArray());
    }

    [Fact]
    public void Submit30_WidensNumbersAddsTerminalTypesAndLinkId()
    {
        var submit = Sample(CmppVersion.V30);
        submit.LinkId = "L1";
        var expected = Hex("000000C7 00000004 00000005"
            + " 0000000000000000 01 01 01 00"
            + " 534D5356" + Zeros(6) + " 02"
            + Zeros(32) + " 00"                        // Fee_terminal_Id 32, Fee_terminal_type
            + " 00 00 08"
            + " 393031323334 3031 303030303030"
            + Zeros(17) + Zeros(17)
            + " 3130363930303031" + Zeros(13) + " 01"
            + " 3133383030313338303030" + Zeros(21)    // Dest_terminal_Id 32
            + " 00"                                    // Dest_terminal_type
            + " 04 " + Zhongguo + " 4C31" + Zeros(18)); // Msg_Length, Msg_Content, LinkID 20

        Assert.Equal(expected, submit.ToArray());
        var decoded = Assert.IsType<Submit>(PacketDecoder.Decode(expected, CmppVersion.V30));
        Assert.Equal(("13800138000", "L1"), (decoded.DestTerminalIds.Single(), decoded.LinkId));
    }

    [Fact]
    public void Submit_ToManyNumbers_RepeatsTheNumberField()
    {
        var submit = Sample(CmppVersion.V20);
        submit.DestTerminalIds = ["13800138000", "13900139000", "13700137000"];
        var decoded = Assert.IsType<Submit>(PacketDecoder.Decode(submit.ToArray(), CmppVersion.V20));
        Assert.Equal(163 + (2 * 21), submit.Length);
        Assert.Equal(submit.DestTerminalIds, decoded.DestTerminalIds);
    }

    [Fact]
    public void SubmitResp20_HasOneOctetResult()
    {
        var resp = new SubmitResp { Version = CmppVersion.V20, SequenceId = 5, MsgId = 0xC3A092803039002A, Result = 0 };
        Assert.Equal(Hex($"00000015 80000004 00000005 {MsgId} 00"), resp.ToArray());
        var decoded = Assert.IsType<SubmitResp>(PacketDecoder.Decode(resp.ToArray(), CmppVersion.V20));
        Assert.Equal("1207080910001234500042", new MsgId(decoded.MsgId).ToString());
    }

    [Fact]
    public void SubmitResp30_HasFourOctetResult_EightBeingFlowControl()
    {
        var resp = new SubmitResp { SequenceId = 6, MsgId = 0xC3A092803039002A, Result = SubmitResult.FlowControl };
        Assert.Equal(Hex($"00000018 80000004 00000006 {MsgId} 00000008"), resp.ToArray());
        var decoded = Assert.IsType<SubmitResp>(PacketDecoder.Decode(resp.ToArray(), CmppVersion.V30));
        Assert.True(SubmitResult.IsTransient(decoded.Result));
        Assert.False(SubmitResult.IsTransient(SubmitResult.InvalidDestTerminalId));
    }

    [Fact]
    public void Submit_WithAFieldTooLong_FailsBeforeAnyOctetIsWritten()
    {
        var submit = Sample(CmppVersion.V20);
        submit.ServiceId = "ELEVENCHARS";
        Assert.Throws<ArgumentException>(() => submit.Length);
        submit.ServiceId = "SMSV";
        submit.DestTerminalIds = [];
        Assert.Throws<ArgumentException>(() => submit.Length);
    }
}
