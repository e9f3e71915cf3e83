using SmsVerify.Cmpp.Client;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Cmpp.Tests.Sessions;

/// <summary>Keep-alive, dead links, reconnects and CMPP_TERMINATE from either side.</summary>
public class LinkTests(ITestOutputHelper output) : GatewayTestBase(output)
{
    [Fact]
    public async Task SilentGateway_IsDetectedByActiveTest_AndTheClientReconnects()
    {
        var gateway = new TestGateway { FirstSessionGoesSilent = true };
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (ismg, client) = await StartAsync(gateway, o =>
        {
            o.ActiveTestInterval = TimeSpan.FromMilliseconds(50);
            // Short enough for a quick test, long enough that a busy machine does not also kill the second link.
            o.ResponseTimeout = TimeSpan.FromSeconds(2);
        }, connect: false);
        client.LinkLost += reason => lost.TrySetResult(reason);
        await client.ConnectAsync().Guarded();

        Assert.Contains("CMPP_ACTIVE_TEST", await lost.Task.Guarded());
        await Wait.Until(() => client.IsConnected && ismg.Sessions.Any(s => gateway.SessionNumber(s) == 2 && s.IsLoggedIn), "a second login");
        Assert.True(Accepted(await client.SubmitAsync(Message("after the dead link")).Guarded()));
    }

    [Fact]
    public async Task DroppedConnection_IsRebuilt_AndQueuedMessagesGoOnTheNewLink()
    {
        var gateway = new TestGateway();
        var (ismg, client) = await StartAsync(gateway);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connected += () => reconnected.TrySetResult();

        ismg.Sessions.Single().Abort();
        await reconnected.Task.Guarded();

        Assert.True(Accepted(await client.SubmitAsync(Message("after the drop")).Guarded()));
    }

    [Fact]
    public async Task SubmitWrittenButUnanswered_WhenTheLinkDrops_HasAnUnknownOutcome()
    {
        var gateway = new TestGateway { HoldAnswers = true };
        var (ismg, client) = await StartAsync(gateway);

        var submit = client.SubmitAsync(Message("maybe sent"));
        await Wait.Until(() => gateway.Held.Count == 1, "the submit to reach the gateway");
        ismg.Sessions.Single().Abort();

        await Assert.ThrowsAsync<CmppUnknownOutcomeException>(() => submit.Guarded());
    }

    [Fact]
    public async Task Terminate_FromTheClient_IsAnsweredAndStopsTheClient()
    {
        var gateway = new TestGateway();
        var (ismg, client) = await StartAsync(gateway);
        Assert.True(Accepted(await client.SubmitAsync(Message("before")).Guarded()));

        await client.TerminateAsync().Guarded();

        Assert.False(client.IsConnected);
        // The gateway answers the terminate, then tells its handler.
        await Wait.Until(() => Volatile.Read(ref gateway.Terminations) == 1, "the gateway's handler to hear of the terminate");
        await Wait.Until(() => ismg.Sessions.Count == 0, "the gateway to close the session");
        await Assert.ThrowsAsync<CmppNotSentException>(() => client.SubmitAsync(Message("after")));
    }

    [Fact]
    public async Task Terminate_FromTheGateway_IsAnswered_AndTheClientLogsInAgain()
    {
        var gateway = new TestGateway();
        var (ismg, client) = await StartAsync(gateway);
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.LinkLost += reason => lost.TrySetResult(reason);

        ismg.Sessions.Single().SendTerminate();

        Assert.Equal("terminated by the ISMG", await lost.Task.Guarded());
        await Wait.Until(() => client.IsConnected, "a new login");
        Assert.True(Accepted(await client.SubmitAsync(Message("after")).Guarded()));
    }
}
