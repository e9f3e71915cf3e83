using SmsVerify.Server.Channels;
using SmsVerify.Smpp.Codec;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>The router over real SMPP channels: breakers and dead carriers send traffic to the next channel.</summary>
public sealed class RoutingTests : SmppChannelTestBase
{
    private static readonly BreakerOptions QuickBreaker = new() { MinimumSamples = 3, ErrorRate = 0.5, Cooldown = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task BreakerOpensAfterFailures_RoutingSkipsTheChannel_AndAProbeClosesItAgain()
    {
        var failing = new CarrierSmsc { StatusOf = _ => CommandStatus.SystemError };
        var primary = await StartChannelAsync(o => (o.Name, o.Priority, o.Breaker) = ("primary", 10, QuickBreaker), StartSmsc(failing).EndPoint.Port);
        var backup = await StartChannelAsync(o => (o.Name, o.Priority) = ("backup", 5));
        var router = new ChannelRouter([backup, primary]);
        Assert.Same(primary, router.Pick(Carrier.ChinaMobile));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ESME_RSYSERR", Assert.IsType<SubmitOutcome.Rejected>(await primary.SubmitAsync(Sms("code"), default)).ErrorCode);
        }
        Assert.Equal(ChannelState.Open, primary.State);
        Assert.Same(backup, router.Pick(Carrier.ChinaMobile));
        var refused = Assert.IsType<SubmitOutcome.Rejected>(await primary.SubmitAsync(Sms("code"), default));
        Assert.Equal((ChannelErrorCodes.CircuitOpen, true), (refused.ErrorCode, refused.Transient));
        Assert.Equal(3, failing.Submits.Count); // the refusal never reached the carrier

        failing.StatusOf = _ => CommandStatus.Ok;
        Clock.Advance(QuickBreaker.Cooldown);
        Assert.Equal(BreakerState.HalfOpen, primary.Describe().Breaker);
        Assert.Same(primary, router.Pick(Carrier.ChinaMobile));
        Assert.IsType<SubmitOutcome.Accepted>(await primary.SubmitAsync(Sms("probe"), default));
        Assert.Equal(BreakerState.Closed, primary.Describe().Breaker);
        Assert.Equal(ChannelState.Up, primary.State);
    }

    [Fact]
    public async Task BadNumbers_DoNotOpenTheBreaker()
    {
        Smsc.StatusOf = _ => CommandStatus.InvalidDestinationAddress;
        var channel = await StartChannelAsync(o => o.Breaker = QuickBreaker);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(Assert.IsType<SubmitOutcome.Rejected>(await channel.SubmitAsync(Sms("code"), default)).Transient);
        }
        Assert.Equal(ChannelState.Up, channel.State);
        Assert.Null(channel.Describe().LastError);
    }

    [Fact]
    public async Task TransientFailures_OpenTheBreaker()
    {
        Smsc.StatusOf = _ => CommandStatus.Throttled;
        var channel = await StartChannelAsync(o => o.Breaker = QuickBreaker);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Assert.IsType<SubmitOutcome.Rejected>(await channel.SubmitAsync(Sms("code"), default)).Transient);
        }
        Assert.Equal(ChannelState.Open, channel.State);
    }

    [Fact]
    public async Task ChannelWhoseSmscIsDown_IsSkipped_ForTheNextByPriority()
    {
        var dead = await StartChannelAsync(o => (o.Name, o.Priority) = ("dead", 100), ClosedPort(), waitUntilUp: false);
        var live = await StartChannelAsync(o => (o.Name, o.Priority) = ("live", 1));
        var router = new ChannelRouter([dead, live]);
        Assert.NotEqual(ChannelState.Up, dead.State);
        Assert.Same(live, router.Pick(Carrier.ChinaTelecom));
        Assert.Null(router.Pick(Carrier.ChinaTelecom, new HashSet<string> { "live" }));
    }
}
