using SmsVerify.Cmpp.Client;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Gateway;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Cmpp.Tests.Sessions;

public class LoginTests(ITestOutputHelper output) : GatewayTestBase(output)
{
    [Theory]
    [InlineData(CmppVersion.V20)]
    [InlineData(CmppVersion.V30)]
    public async Task Connect_WithTheSharedSecret_LogsInAndSubmitGetsTheGatewaysMsgId(CmppVersion version)
    {
        var gateway = new TestGateway();
        var (ismg, client) = await StartAsync(gateway, o => o.Version = version);

        var response = await client.SubmitAsync(Message("Your code is 482913")).Guarded();

        Assert.True(client.IsConnected);
        Assert.True(Accepted(response));
        Assert.Equal(12345, new MsgId(response.MsgId).GatewayCode);
        Assert.Equal((version, SpId), (ismg.Sessions.Single().Version, ismg.Sessions.Single().SpId));
        Assert.Equal(SpId, Assert.Single(gateway.Received).MsgSrc); // Msg_src defaults to the SP_Id
    }

    [Theory]
    [InlineData("901234", "wrong", ConnectStatus.AuthenticationFailed)]
    [InlineData("999999", "secret", ConnectStatus.InvalidSourceAddress)]
    public async Task Connect_RefusedByTheGateway_ThrowsWithItsStatus(string spId, string secret, uint status)
    {
        var (_, client) = await StartAsync(new TestGateway(), o => (o.SourceAddr, o.SharedSecret) = (spId, secret), connect: false);

        var error = await Assert.ThrowsAsync<CmppConnectException>(() => client.ConnectAsync().Guarded());

        Assert.Equal(status, error.Status);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Connect_AskingForMoreThanTheGatewaySpeaks_IsVersionTooHigh()
    {
        var (_, client) = await StartAsync(new TestGateway(), gatewayOptions: new CmppGatewayOptions
        {
            Accounts = new() { [SpId] = Secret },
            HighestVersion = CmppVersion.V20,
        }, connect: false);

        var error = await Assert.ThrowsAsync<CmppConnectException>(() => client.ConnectAsync().Guarded());

        Assert.Equal(ConnectStatus.VersionTooHigh, error.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Connect_WithAWrongIsmgAuthenticator_FailsOnlyWhenRequired(bool required)
    {
        await using var fake = FakeIsmg.Start(new ConnectResp { Version = CmppVersion.V30, AuthenticatorIsmg = new byte[16] });
        var client = AddClient(fake.Port, o => o.RequireIsmgAuthenticator = required);

        var login = client.ConnectAsync().Guarded();

        if (required)
        {
            Assert.Equal(ConnectStatus.AuthenticationFailed, (await Assert.ThrowsAsync<CmppConnectException>(() => login)).Status);
        }
        else
        {
            await login;
            Assert.True(client.IsConnected);
        }
    }

    [Fact]
    public async Task Connect_ToA30GatewayHashingAOneOctetStatus_IsAccepted()
    {
        // A 4-octet Status on the wire, one octet in the digest, as gateway code carried over from 2.0 computes it.
        await using var fake = FakeIsmg.Start(connect => new ConnectResp
        {
            Version = CmppVersion.V30,
            AuthenticatorIsmg = Authenticator.Ismg(0, connect.AuthenticatorSource, Secret, CmppVersion.V20),
        });
        var client = AddClient(fake.Port);

        await client.ConnectAsync().Guarded();

        Assert.True(client.IsConnected);
    }
}
