using System.Net;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Sessions;

/// <summary>The server side as a product needs it: waiting binds, late answers, per-session state, unbind from the SMSC.</summary>
public class ServerSessionTests(ITestOutputHelper output) : SessionTestBase(output)
{
    /// <summary>Looks the account up (a wait), keeps it as the session's state, and answers submits from another task.</summary>
    private sealed class AccountSmsc : SmppServerHandler
    {
        public int Unbound;

        public override async ValueTask<uint> OnBindAsync(SmppServerSession session, Bind bind)
        {
            await Task.Delay(20);
            if (bind.Password != TestSmsc.Password)
            {
                return CommandStatus.InvalidPassword;
            }
            session.State = "account-" + bind.SystemId;
            return CommandStatus.Ok;
        }

        public override SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(20);
                session.Reply(submit, new SubmitSmResp { MessageId = (string)session.State! });
            });
            return null;
        }

        public override void OnUnbound(SmppServerSession session) => Interlocked.Increment(ref Unbound);
    }

    [Fact]
    public async Task OnBindAsync_RefusingAfterAWait_GivesTheClientThatStatus()
    {
        var (_, client) = await StartAsync(new AccountSmsc(), o => o.Password = "wrong", connect: false);
        var error = await Assert.ThrowsAsync<SmppBindException>(() => client.ConnectAsync().Guarded());
        Assert.Equal(CommandStatus.InvalidPassword, error.CommandStatus);
    }

    [Fact]
    public async Task Reply_FromAnotherTask_AnswersTheSubmit_WithTheSessionsState()
    {
        var (server, client) = await StartAsync(new AccountSmsc());
        var response = await client.SubmitAsync(Message("late")).Guarded();
        Assert.Equal((CommandStatus.Ok, "account-esme"), (response.CommandStatus, response.MessageId));
        var session = Assert.Single(server.Sessions);
        Assert.Equal(IPAddress.Loopback, session.RemoteAddress);
        Assert.Equal((TestSmsc.SystemId, BindMode.Transceiver, true), (session.SystemId, session.Mode, session.IsBound));
    }

    [Fact]
    public async Task UnbindAsync_FromTheServer_IsAnswered_ThenTheSessionCloses()
    {
        var smsc = new AccountSmsc();
        var (server, client) = await StartAsync(smsc);
        var lost = new TaskCompletionSource<string>();
        client.LinkLost += reason => lost.TrySetResult(reason);
        var session = Assert.Single(server.Sessions);
        // A timeout far beyond the guard: finishing at all means the unbind_resp ended the wait.
        await session.UnbindAsync(TimeSpan.FromMinutes(5)).Guarded();
        await session.Completion.Guarded();
        Assert.False(session.IsBound);
        Assert.Equal(1, smsc.Unbound);
        Assert.Contains("unbound by the SMSC", await lost.Task.Guarded(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnbindAsync_PeerNeverAnswers_ClosesAfterTheTimeout()
    {
        var (server, _) = await StartAsync(new SmppServerHandler(), connect: false);
        using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendAsync(new Bind { SystemId = "silent", SequenceNumber = 1 });
        Assert.IsType<BindResp>(await peer.ReceiveAsync());
        var session = Assert.Single(server.Sessions);
        var unbinding = session.UnbindAsync(TimeSpan.FromMilliseconds(100));
        Assert.IsType<Unbind>(await peer.ReceiveAsync());
        await unbinding.Guarded();
        Assert.Null(await peer.ReceiveAsync());
    }

    [Fact]
    public async Task Close_SendsWhatIsQueued_ThenCloses()
    {
        var (server, client) = await StartAsync(new SmppServerHandler());
        var session = Assert.Single(server.Sessions);
        session.Send(new DeliverSm { SourceAddr = "8613800000000", DestinationAddr = "10690012", ShortMessage = "TD"u8.ToArray() });
        session.Close("account suspended");
        var delivery = await client.Deliveries.ReadAsync().AsTask().Guarded();
        Assert.Equal("TD"u8.ToArray(), delivery.Pdu.ShortMessage.ToArray());
        await session.Completion.Guarded();
    }

    [Fact]
    public async Task Submit_OnAReceiverBind_IsRefusedWithIncorrectBindStatus()
    {
        var (server, _) = await StartAsync(new SmppServerHandler(), connect: false);
        using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendAsync(new Bind { Mode = BindMode.Receiver, SystemId = "rx", SequenceNumber = 1 });
        Assert.Equal(CommandStatus.Ok, (await peer.ReceiveAsync())?.CommandStatus);
        await peer.SendAsync(new SubmitSm { DestinationAddr = "1", SequenceNumber = 2 });
        var nack = Assert.IsType<GenericNack>(await peer.ReceiveAsync());
        Assert.Equal((CommandStatus.IncorrectBindStatus, 2u), (nack.CommandStatus, nack.SequenceNumber));
    }
}
