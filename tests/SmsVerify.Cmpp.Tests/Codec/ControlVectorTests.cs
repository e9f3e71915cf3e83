using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using static SmsVerify.Cmpp.Tests.Support.Octets;

namespace SmsVerify.Cmpp.Tests.Codec;

/// <summary>ACTIVE_TEST, TERMINATE, QUERY and CANCEL with their responses, from §7.4.2, §7.4.4, §7.4.6 and §7.4.7.</summary>
public class ControlVectorTests
{
    public static TheoryData<Packet, string> HeaderOnly => new()
    {
        { new ActiveTest { SequenceId = 3 }, "0000000C 00000008 00000003" },
        { new ActiveTestResp { SequenceId = 3 }, "0000000D 80000008 00000003 00" }, // Reserved 1
        { new Terminate { SequenceId = 4 }, "0000000C 00000002 00000004" },
        { new TerminateResp { SequenceId = 4 }, "0000000C 80000002 00000004" },
    };

    [Theory]
    [MemberData(nameof(HeaderOnly))]
    public void KeepAliveAndTerminate_AreTheSameInBothVersions(Packet packet, string hex)
    {
        foreach (var version in new[] { CmppVersion.V20, CmppVersion.V30 })
        {
            packet.Version = version;
            Assert.Equal(Hex(hex), packet.ToArray());
            Assert.Equal(packet.GetType(), PacketDecoder.Decode(Hex(hex), version).GetType());
        }
    }

    [Fact]
    public void Query_HasTimeTypeCodeAndReserve()
    {
        var query = new Query { SequenceId = 7, Time = "20261207", QueryType = 1, QueryCode = "SMSV" };
        var expected = Hex("00000027 00000006 00000007 3230323631323037 01 534D5356" + Zeros(6) + Zeros(8));
        Assert.Equal(expected, query.ToArray());
        var decoded = Assert.IsType<Query>(PacketDecoder.Decode(expected, CmppVersion.V20));
        Assert.Equal(("20261207", (byte)1, "SMSV"), (decoded.Time, decoded.QueryType, decoded.QueryCode));
    }

    [Fact]
    public void QueryResp_HasEightCountersInSpecOrder()
    {
        var resp = new QueryResp
        {
            SequenceId = 7,
            Time = "20261207",
            QueryType = 0,
            MtTotalMessages = 1,
            MtTotalUsers = 2,
            MtSucceeded = 3,
            MtWaiting = 4,
            MtFailed = 5,
            MoSucceeded = 6,
            MoWaiting = 7,
            MoFailed = 8,
        };
        var expected = Hex("0000003F 80000006 00000007 3230323631323037 00" + Zeros(10)
            + " 00000001 00000002 00000003 00000004 00000005 00000006 00000007 00000008");
        Assert.Equal(expected, resp.ToArray());
        var decoded = Assert.IsType<QueryResp>(PacketDecoder.Decode(expected, CmppVersion.V30));
        Assert.Equal((1u, 5u, 8u), (decoded.MtTotalMessages, decoded.MtFailed, decoded.MoFailed));
    }

    [Fact]
    public void Cancel_CarriesTheMsgId() =>
        Assert.Equal(Hex("00000014 00000007 00000008 C3A092803039002A"), new Cancel { SequenceId = 8, MsgId = 0xC3A092803039002A }.ToArray());

    [Theory]
    [InlineData(CmppVersion.V20, "0000000D 80000007 00000008 01")]
    [InlineData(CmppVersion.V30, "00000010 80000007 00000008 00000001")]
    public void CancelResp_SuccessIdIsOneOctetIn20AndFourIn30(CmppVersion version, string hex)
    {
        var resp = new CancelResp { Version = version, SequenceId = 8, SuccessId = 1 };
        Assert.Equal(Hex(hex), resp.ToArray());
        Assert.False(Assert.IsType<CancelResp>(PacketDecoder.Decode(Hex(hex), version)).Cancelled);
    }

    [Fact]
    public void Decode_UnknownCommandId_IsADecodeErrorCarryingTheHeader()
    {
        var error = Assert.Throws<CmppDecodeException>(() => PacketDecoder.Decode(Hex("0000000C 00000777 00000009"), CmppVersion.V30));
        Assert.Equal(9u, error.Header?.SequenceId);
    }
}
