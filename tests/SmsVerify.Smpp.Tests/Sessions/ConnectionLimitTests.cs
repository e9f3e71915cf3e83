using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Tests.Support;

namespace SmsVerify.Smpp.Tests.Sessions;

/// <summary>Peers that connect and never bind, or too many at once, cannot hold the server's sockets.</summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task AConnectionThatNeverBinds_IsClosed_WhileABoundOneStays()
    {
        await using var server = new SmppServer(new SmppServerOptions { BindTimeout = TimeSpan.FromMilliseconds(300) }, new TestSmsc()).Start();
        using var idle = await RawPeer.ConnectAsync(server.EndPoint);
        using var bound = await RawPeer.ConnectAsync(server.EndPoint);
        await bound.SendAsync(new Bind { SystemId = TestSmsc.SystemId, Password = TestSmsc.Password, SequenceNumber = 1 });
        var answer = await bound.ReceiveAsync();

        var closed = await idle.ReceiveAsync();
        await bound.SendAsync(new EnquireLink { SequenceNumber = 2 });
        var alive = await bound.ReceiveAsync();

        Assert.Equal(CommandStatus.Ok, answer!.CommandStatus);
        Assert.Null(closed);
        Assert.IsType<EnquireLinkResp>(alive);
    }

    [Fact]
    public async Task OneConnectionMoreThanAllowed_IsClosedAsItIsAccepted()
    {
        await using var server = new SmppServer(new SmppServerOptions { MaxConnections = 1 }, new TestSmsc()).Start();
        using var first = await RawPeer.ConnectAsync(server.EndPoint);
        await first.SendAsync(new EnquireLink { SequenceNumber = 1 });
        Assert.IsType<EnquireLinkResp>(await first.ReceiveAsync());

        using var second = await RawPeer.ConnectAsync(server.EndPoint);

        Assert.Null(await second.ReceiveAsync());
        await first.SendAsync(new EnquireLink { SequenceNumber = 2 });
        Assert.IsType<EnquireLinkResp>(await first.ReceiveAsync());
    }
}
