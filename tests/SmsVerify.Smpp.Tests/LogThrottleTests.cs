namespace SmsVerify.Smpp.Tests;

public sealed class LogThrottleTests
{
    [Fact]
    public void ABurst_IsOneLineThenOnePerInterval_CountingWhatWasHeldBack()
    {
        var throttle = new LogThrottle(TimeSpan.FromMilliseconds(20));

        Assert.True(throttle.ShouldLog(out var first));
        Assert.Equal(0, first);
        var held = 0;
        long reported;
        // Everything until the interval is over is held back and counted; the next line reports the count.
        while (!throttle.ShouldLog(out reported))
        {
            held++;
        }
        Assert.Equal(held, reported);
    }

    [Fact]
    public void WithinTheInterval_NothingMoreIsLogged()
    {
        var throttle = new LogThrottle(TimeSpan.FromHours(1));

        Assert.True(throttle.ShouldLog(out long _));
        Assert.All(Enumerable.Range(0, 100), _ => Assert.False(throttle.ShouldLog(out long _)));
    }
}
