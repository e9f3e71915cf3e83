using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Sessions;

public class CancelAndQueryTests(ITestOutputHelper output) : SessionTestBase(output)
{
    /// <summary>Withdraws message "held" once; every other cancel fails.</summary>
    private sealed class CancellingSmsc : SmppServerHandler
    {
        public CancelSm? Cancelled;

        public override CancelSmResp? OnCancelSm(SmppServerSession session, CancelSm cancel)
        {
            if (cancel.MessageId != "held" || Interlocked.CompareExchange(ref Cancelled, cancel, null) is not null)
            {
                return base.OnCancelSm(session, cancel);
            }
            return new CancelSmResp();
        }
    }

    [Fact]
    public async Task CancelAsync_HeldMessage_IsWithdrawnOnce_AndOthersFailWithCancelFail()
    {
        var smsc = new CancellingSmsc();
        var (_, client) = await StartAsync(smsc);
        Assert.Equal(CommandStatus.Ok, (await client.CancelAsync("held", "SmsVerify", "8613800000000").Guarded()).CommandStatus);
        Assert.Equal(("SmsVerify", "8613800000000"), (smsc.Cancelled?.SourceAddr, smsc.Cancelled?.DestinationAddr));
        Assert.Equal(CommandStatus.CancelFailed, (await client.CancelAsync("held", "SmsVerify", "8613800000000").Guarded()).CommandStatus);
    }

    [Fact]
    public async Task QueryAsync_ByDefault_FailsWithQueryFail()
    {
        var (_, client) = await StartAsync(new SmppServerHandler());
        var response = await client.QueryAsync("00000001", "SmsVerify").Guarded();
        Assert.Equal(CommandStatus.QueryFailed, response.CommandStatus);
    }

    [Fact]
    public async Task CancelSm_BeforeBind_GetsIncorrectBindStatus()
    {
        var (server, _) = await StartAsync(new CancellingSmsc(), connect: false);
        using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendAsync(new CancelSm { MessageId = "held", SequenceNumber = 4 });
        Assert.Equal(CommandStatus.IncorrectBindStatus, (await peer.ReceiveAsync())?.CommandStatus);
    }
}
