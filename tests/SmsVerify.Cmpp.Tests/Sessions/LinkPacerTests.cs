using System.Diagnostics;
using SmsVerify.Cmpp.Client;

namespace SmsVerify.Cmpp.Tests.Sessions;

/// <summary>The link's pacing on a clock the test moves by hand: the agreed rate, halved by flow control, given back over time.</summary>
public class LinkPacerTests
{
    private long _now = 1_000 * Stopwatch.Frequency;

    private LinkPacer Pacer(double rate) => new(rate, () => _now);

    private void Advance(double seconds) => _now += (long)(seconds * Stopwatch.Frequency);

    [Fact]
    public void Unlimited_NeverWaits()
    {
        var pacer = Pacer(0);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(TimeSpan.Zero, pacer.NextDelay()));
    }

    [Fact]
    public void AgreedRate_AllowsAShortBurst_ThenSpacesSubmits()
    {
        var pacer = Pacer(100);
        var delays = Enumerable.Range(0, 13).Select(_ => pacer.NextDelay().TotalMilliseconds).ToArray();

        // A tenth of a second's worth goes at once (11 slots, now included), then one every 10 ms.
        Assert.All(delays[..11], d => Assert.Equal(0, d));
        Assert.Equal(10, delays[11], precision: 3);
        Assert.Equal(20, delays[12], precision: 3);
    }

    [Fact]
    public void FlowControl_HalvesTheRate_DownToASixteenth_AndQuietSecondsGiveItBack()
    {
        var pacer = Pacer(160);
        for (var i = 0; i < 6; i++)
        {
            pacer.SlowDown();
            pacer.NextDelay();
        }
        Assert.Equal(10, pacer.Rate); // 160 → 80 → 40 → 20 → 10, and not below a sixteenth

        Advance(1);
        pacer.NextDelay();
        Assert.Equal(26, pacer.Rate); // a tenth of the agreed rate back per quiet second
        for (var i = 0; i < 20; i++)
        {
            Advance(1);
            pacer.NextDelay();
        }
        Assert.Equal(160, pacer.Rate);
    }
}
