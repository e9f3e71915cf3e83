using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsVerify.Server.SmppGateway;

namespace SmsVerify.Server.Tests.SmppGateway;

public sealed class BindGuardTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("198.51.100.7");

    [Fact]
    public void FailedBinds_AreAnsweredSlowerAndSlower_ThenRefused_UntilTheLockoutEnds()
    {
        var clock = new FakeTimeProvider();
        var guard = new BindGuard(Options.Create(new SmppListenerOptions()), clock);

        List<double> delays = [];
        for (var i = 0; i < 9; i++)
        {
            guard.Failed(Guesser);
            delays.Add(guard.DelayAfterFailure(Guesser).TotalSeconds);
        }
        var lockedBeforeTenth = guard.IsLockedOut(Guesser);
        guard.Failed(Guesser);
        var locked = guard.IsLockedOut(Guesser);
        clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal([0, 0, 0, 1, 2, 3, 4, 5, 5], delays);
        Assert.False(lockedBeforeTenth);
        Assert.True(locked);
        Assert.False(guard.IsLockedOut(Guesser));
        Assert.False(guard.IsLockedOut(IPAddress.Parse("198.51.100.8")));
    }

    [Fact]
    public void AGoodBind_ClearsItsAddresssCount()
    {
        var guard = new BindGuard(Options.Create(new SmppListenerOptions()), new FakeTimeProvider());
        for (var i = 0; i < 5; i++)
        {
            guard.Failed(Guesser);
        }

        guard.Succeeded(Guesser);

        Assert.Equal(TimeSpan.Zero, guard.DelayAfterFailure(Guesser));
    }
}
