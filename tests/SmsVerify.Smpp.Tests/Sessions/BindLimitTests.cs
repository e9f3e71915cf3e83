using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Sessions;

public class BindLimitTests(ITestOutputHelper output) : SessionTestBase(output)
{
    /// <summary>One bind per system_id, counted from the server's live sessions.</summary>
    private sealed class OneBindSmsc : SmppServerHandler
    {
        public SmppServer? Server { get; set; }

        public override uint OnBind(SmppServerSession session, Bind bind) =>
            Server!.CountBound(bind.SystemId) >= 1 ? CommandStatus.BindFailed : CommandStatus.Ok;
    }

    [Fact]
    public async Task CountBound_SecondBindOfASystemId_IsRefused_UntilTheFirstUnbinds()
    {
        var smsc = new OneBindSmsc();
        var (server, first) = await StartAsync(smsc, connect: false);
        smsc.Server = server;
        await first.ConnectAsync().Guarded();
        Assert.Equal(1, server.CountBound(TestSmsc.SystemId));

        var second = AddClient(server);
        var error = await Assert.ThrowsAsync<SmppBindException>(() => second.ConnectAsync().Guarded());
        Assert.Equal(CommandStatus.BindFailed, error.CommandStatus);
        var other = AddClient(server, o => o.SystemId = "other");
        await other.ConnectAsync().Guarded();

        await first.UnbindAsync().Guarded();
        await Wait.Until(() => server.CountBound(TestSmsc.SystemId) == 0, "the first bind gone");
        await AddClient(server).ConnectAsync().Guarded();
        Assert.Equal(1, server.CountBound(TestSmsc.SystemId));
    }
}
