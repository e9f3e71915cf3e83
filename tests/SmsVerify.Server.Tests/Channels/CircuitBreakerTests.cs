using Microsoft.Extensions.Time.Testing;
using SmsVerify.Server.Channels;

namespace SmsVerify.Server.Tests.Channels;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly BreakerOptions _options = new() { MinimumSamples = 4, ErrorRate = 0.5, Window = TimeSpan.FromSeconds(60), Cooldown = TimeSpan.FromSeconds(30) };

    private CircuitBreaker Breaker() => new(_options, _clock);

    private static void Record(CircuitBreaker breaker, params bool[] errors)
    {
        foreach (var error in errors)
        {
            Assert.True(breaker.TryAcquire(out var probe));
            breaker.Record(error, probe);
        }
    }

    [Fact]
    public void FewerSamplesThanTheMinimum_NeverOpen()
    {
        var breaker = Breaker();
        Record(breaker, true, true, true);
        Assert.Equal(BreakerState.Closed, breaker.State);
        Record(breaker, false);
        Assert.Equal(BreakerState.Open, breaker.State); // 3 of 4
    }

    [Fact]
    public void ErrorsOlderThanTheWindow_AreForgotten()
    {
        var breaker = Breaker();
        Record(breaker, true, true, true);
        _clock.Advance(TimeSpan.FromSeconds(61));
        Record(breaker, false, false, false, true);
        Assert.Equal(BreakerState.Closed, breaker.State); // 1 of 4 in the window
    }

    [Fact]
    public void AfterTheCooldown_OneProbeGoes_AndItsFailureOpensAgain()
    {
        var breaker = Breaker();
        Record(breaker, true, true, true, true);
        Assert.False(breaker.TryAcquire(out _));

        _clock.Advance(_options.Cooldown);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Assert.True(breaker.TryAcquire(out var probe));
        Assert.True(probe);
        Assert.False(breaker.TryAcquire(out _)); // one probe at a time
        Assert.False(breaker.Allows);

        breaker.Record(error: true, probe: true);
        Assert.Equal(BreakerState.Open, breaker.State);
        _clock.Advance(_options.Cooldown);
        Assert.True(breaker.TryAcquire(out probe));
        breaker.Record(error: false, probe);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public void ABindMadeAgain_LetsTheProbeThroughBeforeTheCooldown_AndEveryChangeIsTold()
    {
        List<BreakerState> told = [];
        var breaker = new CircuitBreaker(_options, _clock, (state, _) => told.Add(state));
        breaker.Rebound(); // closed: nothing to do
        Record(breaker, true, true, true, true);
        Assert.False(breaker.Allows);

        breaker.Rebound();

        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Assert.True(breaker.TryAcquire(out var probe));
        Assert.True(probe);
        breaker.Record(error: false, probe);
        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal([BreakerState.Open, BreakerState.HalfOpen, BreakerState.HalfOpen, BreakerState.Closed], told);
    }

    [Fact]
    public void LateOutcomes_WhileOpen_DoNotCount()
    {
        var breaker = Breaker();
        Record(breaker, true, true, true, true);
        breaker.Record(error: false, probe: false);
        Assert.Equal(BreakerState.Open, breaker.State);
    }
}
