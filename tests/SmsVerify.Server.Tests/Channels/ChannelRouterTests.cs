using SmsVerify.Server.Channels;

namespace SmsVerify.Server.Tests.Channels;

public sealed class ChannelRouterTests
{
    private sealed class FakeChannel(string name, int priority, ChannelState state, params Carrier[] carriers) : IMessageChannel
    {
        public string Name => name;
        public int Priority => priority;
        public ChannelState State { get; set; } = state;
        public bool Serves(Carrier carrier) => carriers.Length == 0 || carriers.Contains(carrier);
        public ValueTask<SubmitOutcome> SubmitAsync(OutboundSms sms, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public void Pick_TakesTheHighestPriorityChannelThatServesTheCarrierAndIsUp()
    {
        var mobile = new FakeChannel("mobile", 10, ChannelState.Up, Carrier.ChinaMobile);
        var any = new FakeChannel("any", 5, ChannelState.Up);
        var sandbox = new FakeChannel("sandbox", int.MinValue, ChannelState.Up);
        var router = new ChannelRouter([sandbox, any, mobile]);

        Assert.Same(mobile, router.Pick(Carrier.ChinaMobile));
        Assert.Same(any, router.Pick(Carrier.ChinaUnicom));
        Assert.Same(any, router.Pick("+8613812345678", new HashSet<string> { "mobile" }));
        Assert.Same(sandbox, router.Pick(Carrier.ChinaMobile, new HashSet<string> { "mobile", "any" }));
        Assert.Null(router.Pick(Carrier.ChinaMobile, new HashSet<string> { "mobile", "any", "sandbox" }));
    }

    [Theory]
    [InlineData(ChannelState.Down)]
    [InlineData(ChannelState.Connecting)]
    [InlineData(ChannelState.Open)]
    public void Pick_SkipsChannelsThatAreNotUp(ChannelState state)
    {
        var first = new FakeChannel("first", 10, state);
        var second = new FakeChannel("second", 1, ChannelState.Up);
        Assert.Same(second, new ChannelRouter([first, second]).Pick(Carrier.ChinaTelecom));
    }

    [Fact]
    public void Pick_AmongEqualPriorities_TakesTheOneConfiguredFirst()
    {
        var a = new FakeChannel("a", 3, ChannelState.Up);
        var b = new FakeChannel("b", 3, ChannelState.Up);
        Assert.Same(a, new ChannelRouter([a, b]).Pick(Carrier.ChinaBroadnet));
        Assert.Same(b, new ChannelRouter([b, a]).Pick(Carrier.ChinaBroadnet));
    }
}
