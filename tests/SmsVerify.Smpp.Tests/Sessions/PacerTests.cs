using System.Diagnostics;
using SmsVerify.Smpp.Client;

namespace SmsVerify.Smpp.Tests.Sessions;

/// <summary>The bind's pacing, on a clock the test moves: halved on throttling, given back a tenth a quiet second.</summary>
public sealed class PacerTests
{
    private long _now = 1_000_000;

    private Pacer NewPacer(double messagesPerSecond) => new(messagesPerSecond, () => _now);

    private void Advance(double seconds) => _now += (long)(Stopwatch.Frequency * seconds);

    [Fact]
    public void Throttling_HalvesTheRate_DownToASixteenthOfTheAgreedOne()
    {
        var pacer = NewPacer(100);
        pacer.Throttled();
        _ = pacer.WaitAsync(CancellationToken.None);
        Assert.Equal(50, pacer.CurrentRate);

        for (var i = 0; i < 10; i++)
        {
            pacer.Throttled();
            _ = pacer.WaitAsync(CancellationToken.None);
        }

        Assert.Equal(6.25, pacer.CurrentRate);
    }

    [Fact]
    public void EachQuietSecond_GivesATenthOfTheAgreedRateBack_NeverMore()
    {
        var pacer = NewPacer(100);
        pacer.Throttled();
        _ = pacer.WaitAsync(CancellationToken.None);
        Advance(0.5);
        _ = pacer.WaitAsync(CancellationToken.None);
        Assert.Equal(50, pacer.CurrentRate);

        var seen = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            Advance(1);
            _ = pacer.WaitAsync(CancellationToken.None);
            seen.Add(pacer.CurrentRate);
        }

        Assert.Equal([60, 70, 80, 90, 100, 100, 100], seen);
    }

    [Fact]
    public void UnderTheRate_DoesNotWait_AndPastItsBurst_Waits()
    {
        // One message a minute, so the wait it asks for cannot have passed by the time the test looks.
        var pacer = NewPacer(1.0 / 60);
        Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompleted);

        Assert.False(pacer.WaitAsync(CancellationToken.None).IsCompleted);
        Advance(120);
        Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void NoAgreedRate_NeverWaits_AndThrottlingLeavesItToThePause()
    {
        var pacer = NewPacer(0);
        pacer.Throttled();
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(pacer.WaitAsync(CancellationToken.None).IsCompleted);
        }
        Assert.Equal(0, pacer.CurrentRate);
    }
}
