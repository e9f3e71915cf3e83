using SmsVerify.Cmpp.Client;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Text;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Cmpp.Tests.Sessions;

public class SubmitTests(ITestOutputHelper output) : GatewayTestBase(output)
{
    [Fact]
    public async Task Window_KeepsAtMostSixteenSubmitsUnanswered_AndTheRestQueued()
    {
        var gateway = new TestGateway { HoldAnswers = true };
        var (_, client) = await StartAsync(gateway);

        var sent = Enumerable.Range(0, 40).Select(i => client.SubmitAsync(Message($"message {i}"))).ToArray();
        await Wait.Until(() => gateway.Held.Count == 16, "the window to fill");
        // The query goes after anything the link could have written: were the window leaking, the gateway would hold more.
        await client.QueryAsync(new DateOnly(2026, 12, 7)).Guarded();

        Assert.Equal(16, gateway.MaxHolding);
        Assert.Equal(24, client.QueuedCount);
        gateway.HoldAnswers = false;
        gateway.ReleaseHeld();
        var responses = await Task.WhenAll(sent).Guarded();
        Assert.All(responses, r => Assert.True(Accepted(r)));
        Assert.Equal(40, responses.Select(r => r.MsgId).Distinct().Count());
    }

    [Fact]
    public async Task FlowControl_IsRetried_UntilTheGatewayTakesEveryMessageOnce()
    {
        var gateway = new TestGateway { FlowControlFirst = 3 };
        var (_, client) = await StartAsync(gateway);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.SubmitAsync(Message($"code {i}")))).Guarded();

        Assert.All(responses, r => Assert.True(Accepted(r)));
        Assert.Equal(8, gateway.Submits); // 3 refused with Result 8, then each of the 5 taken
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"code {i}").Order(), gateway.Received.Select(TextOf).Order());
    }

    [Fact]
    public async Task FlowControl_BeyondTheRetries_ReturnsResult8ToTheCaller()
    {
        var gateway = new TestGateway { FlowControlFirst = int.MaxValue };
        var (_, client) = await StartAsync(gateway, o => o.MaxFlowControlRetries = 2);

        var response = await client.SubmitAsync(Message("code")).Guarded();

        Assert.Equal(SubmitResult.FlowControl, response.Result);
        Assert.Equal(3, gateway.Submits);
    }

    [Theory]
    [InlineData(CmppVersion.V20)]
    [InlineData(CmppVersion.V30)]
    public async Task LongChineseMessage_ArrivesAsPartsTheHandsetCanJoin(CmppVersion version)
    {
        var gateway = new TestGateway();
        var (_, client) = await StartAsync(gateway, o => o.Version = version);
        var text = "【SmsVerify】" + string.Concat(Enumerable.Repeat("您的订单已发货，请留意查收。", 12));

        var parts = CmppSplitter.Split(text, reference: 7);
        foreach (var part in parts)
        {
            var submit = Message("");
            part.ApplyTo(submit);
            Assert.True(Accepted(await client.SubmitAsync(submit).Guarded()));
        }

        var received = gateway.Received.ToArray();
        Assert.Equal(CmppSplitter.CountParts(text), received.Length);
        Assert.All(received, s => Assert.Equal((MsgFmt.Ucs2, (byte)1, (byte)received.Length), (s.MsgFmt, s.TpUdhi, s.PkTotal)));
        Assert.Equal(Enumerable.Range(1, received.Length).Select(n => (byte)n), received.Select(s => s.PkNumber));
        Assert.Equal(text, string.Concat(received.Select(TextOf)));
    }

    [Fact]
    public async Task Cancel_IsAnsweredByTheGateway()
    {
        var (_, client) = await StartAsync(new TestGateway());
        var submitted = await client.SubmitAsync(Message("code")).Guarded();

        var cancel = await client.CancelAsync(submitted.MsgId).Guarded();

        Assert.False(cancel.Cancelled); // the in-process gateway delivers at once: nothing left to withdraw
    }

    [Fact]
    public async Task Submit_WithAFieldTooLong_FailsInTheCallerAndTheLinkStaysUp()
    {
        var (_, client) = await StartAsync(new TestGateway());
        var bad = Message("code");
        bad.SrcId = new string('1', 22);

        Assert.Throws<ArgumentException>(() => { _ = client.SubmitAsync(bad); }); // thrown by the call itself, not the task
        Assert.True(Accepted(await client.SubmitAsync(Message("code")).Guarded()));
    }
}
