using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;
using static SmsVerify.Cmpp.Tests.Support.Octets;

namespace SmsVerify.Cmpp.Tests.Codec;

/// <summary>
/// CMPP_CONNECT and its response against octets laid out by hand from §7.4.1 of the CMPP 2.0 and 3.0 specifications.
/// The digests were computed outside this library: MD5("901234" + 9 × 00 + "secret" + "0102030405").
/// </summary>
public class ConnectVectorTests
{
    private const string AuthenticatorSource = "1C39DF8B9C01798A8F35C3C785CF91CE";
    private static readonly DateTime SecondOfJanuary = new(2026, 1, 2, 3, 4, 5);

    [Theory]
    [InlineData(CmppVersion.V20, "20")]
    [InlineData(CmppVersion.V30, "30")]
    public void Connect_EncodesSourceAddrAuthenticatorVersionAndTimestamp(CmppVersion version, string versionOctet)
    {
        var connect = Connect.Create("901234", "secret", SecondOfJanuary, version);
        connect.SequenceId = 1;

        // Total_Length 39, Command_Id 1, Sequence_Id 1 | Source_Addr 6 | AuthenticatorSource 16 | Version 1 | Timestamp 4 (102030405).
        Assert.Equal(Hex($"00000027 00000001 00000001 393031323334 {AuthenticatorSource} {versionOctet} 0614DC45"), connect.ToArray());
        var decoded = Assert.IsType<Connect>(PacketDecoder.Decode(connect.ToArray(), CmppVersion.V30));
        Assert.Equal(("901234", 102030405u, version), (decoded.SourceAddr, decoded.Timestamp, decoded.Version));
    }

    [Fact]
    public void Timestamp_IsTheDecimalMonthDayHourMinuteSecond() =>
        Assert.Equal(1207080910u, Authenticator.Timestamp(new DateTime(2026, 12, 7, 8, 9, 10)));

    [Fact]
    public void ConnectResp20_HasOneOctetStatus_AndDigestOverThatOctet()
    {
        // AuthenticatorISMG = MD5(00 + AuthenticatorSource + "secret").
        const string ismg = "9E21B4CA73EF610AD7E2A0C6990E1098";
        Assert.Equal(Hex(ismg), Authenticator.Ismg(0, Hex(AuthenticatorSource), "secret", CmppVersion.V20));
        var resp = new ConnectResp { Version = CmppVersion.V20, Status = 0, AuthenticatorIsmg = Hex(ismg), ServerVersion = 0x20, SequenceId = 1 };

        Assert.Equal(Hex($"0000001E 80000001 00000001 00 {ismg} 20"), resp.ToArray());
        var decoded = Assert.IsType<ConnectResp>(PacketDecoder.Decode(resp.ToArray(), CmppVersion.V30));
        Assert.Equal(CmppVersion.V20, decoded.Version); // read by its 18-octet body whatever the session's version
    }

    [Fact]
    public void ConnectResp30_HasFourOctetStatus_AndDigestOverFourOctets()
    {
        // AuthenticatorISMG = MD5(00000000 + AuthenticatorSource + "secret").
        const string ismg = "E9ED198350952CC89CFDFB0C747E8438";
        Assert.Equal(Hex(ismg), Authenticator.Ismg(0, Hex(AuthenticatorSource), "secret", CmppVersion.V30));
        var resp = new ConnectResp { Status = ConnectStatus.AuthenticationFailed, AuthenticatorIsmg = Hex(ismg), SequenceId = 2 };

        Assert.Equal(Hex($"00000021 80000001 00000002 00000003 {ismg} 30"), resp.ToArray());
        var decoded = Assert.IsType<ConnectResp>(PacketDecoder.Decode(resp.ToArray(), CmppVersion.V20));
        Assert.Equal((CmppVersion.V30, ConnectStatus.AuthenticationFailed), (decoded.Version, decoded.Status));
    }
}
