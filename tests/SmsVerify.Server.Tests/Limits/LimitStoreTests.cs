using Microsoft.Extensions.Time.Testing;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Tests.Support;
using StackExchange.Redis;

namespace SmsVerify.Server.Tests.Limits;

/// <summary>
/// The behaviour every <see cref="ILimitStore"/> must share, whatever keeps the counters. Each store's class below
/// runs every case as its own test (xunit 2 cannot skip an inherited fact, so the Redis class wraps them in
/// <see cref="RedisFactAttribute"/>). Time is passed in, so the cases move <c>now</c> instead of waiting.
/// </summary>
public abstract class LimitStoreTests
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected static readonly RateWindow PerMinute = new(1, TimeSpan.FromSeconds(60));
    protected static readonly RateWindow PerHour = new(5, TimeSpan.FromSeconds(3600));
    protected static readonly RateWindow PerDay = new(10, TimeSpan.FromSeconds(86400));

    /// <summary>What a send checks per phone number: one a minute, five an hour, ten a day.</summary>
    protected static readonly RateWindow[] SendWindows = [PerMinute, PerHour, PerDay];

    protected abstract ILimitStore Store { get; }

    private ValueTask<LimitDecision> Hit(string key, double secondsAfterStart) => Hit(key, secondsAfterStart, SendWindows);

    private ValueTask<LimitDecision> Hit(string key, double secondsAfterStart, RateWindow[] windows) =>
        Store.TryAcquireAsync(key, windows, Start.AddSeconds(secondsAfterStart), CancellationToken.None);

    private static void AssertRefused(LimitDecision decision, RateWindow window, double retryAfterSeconds)
    {
        Assert.False(decision.Allowed);
        Assert.Equal(window, decision.Window);
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), decision.RetryAfter);
    }

    protected async Task FirstHitIsAllowed()
    {
        var decision = await Hit("+8613812345678", 0);

        Assert.True(decision.Allowed);
        Assert.Equal(TimeSpan.Zero, decision.RetryAfter);
    }

    protected async Task SecondHitWithinMinuteIsRefusedUntilMinutePasses()
    {
        Assert.True((await Hit("k", 0)).Allowed);

        AssertRefused(await Hit("k", 10), PerMinute, 50);
        AssertRefused(await Hit("k", 59), PerMinute, 1);
        AssertRefused(await Hit("k", 59.5), PerMinute, 0.5);
    }

    protected async Task CountTellsEachWindowsHits_AndCountsNothing()
    {
        Assert.Equal(new[] { 0, 0, 0 }, await Count(0));
        Assert.True((await Hit("k", 0)).Allowed);
        Assert.True((await Hit("k", 120)).Allowed);

        Assert.Equal(new[] { 1, 2, 2 }, await Count(130));
        Assert.Equal(new[] { 1, 2, 2 }, await Count(130));
        // The first hit leaves the hour window an hour after it was made, not after the last one.
        Assert.Equal(new[] { 0, 1, 2 }, await Count(3600));
        Assert.True((await Hit("k", 3600)).Allowed);

        ValueTask<int[]> Count(double secondsAfterStart) => Store.CountAsync("k", SendWindows, Start.AddSeconds(secondsAfterStart), CancellationToken.None);
    }

    protected async Task HitAfterMinuteIsAllowedAgain()
    {
        Assert.True((await Hit("k", 0)).Allowed);

        Assert.True((await Hit("k", 60)).Allowed);
        AssertRefused(await Hit("k", 61), PerMinute, 59);
    }

    protected async Task SixthHitWithinHourIsRefusedByHourWindow()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Hit("k", i * 60)).Allowed, $"hit {i + 1}");
        }

        // The first hit, at 0 s, is the one that has to leave the hour: at 3600 s.
        AssertRefused(await Hit("k", 300), PerHour, 3300);
        AssertRefused(await Hit("k", 3599), PerHour, 1);
        Assert.True((await Hit("k", 3600)).Allowed);
        // That hit took the first one's place; the next to leave is the second (60 s), so there is room at 3660 s.
        Assert.True((await Hit("k", 3660)).Allowed);
    }

    protected async Task TwoFullWindowsRefuseUntilTheLaterOneFrees()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Hit("k", i * 60)).Allowed, $"hit {i + 1}");
        }

        // At 250 s the minute is full until 300 s, but the hour until 3600 s: waiting 50 s would not be enough.
        AssertRefused(await Hit("k", 250), PerHour, 3350);
    }

    protected async Task EleventhHitWithinDayIsRefusedByDayWindow()
    {
        // Every 12 minutes: never more than one a minute nor five an hour, so only the day can fill up.
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await Hit("k", i * 720)).Allowed, $"hit {i + 1}");
        }

        AssertRefused(await Hit("k", 7200), PerDay, 86400 - 7200);
        AssertRefused(await Hit("k", 86399), PerDay, 1);
        Assert.True((await Hit("k", 86400)).Allowed);
    }

    protected async Task RefusedHitsAreNotCounted()
    {
        RateWindow[] threePerMinute = [new(3, TimeSpan.FromMinutes(1))];
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Hit("k", 0, threePerMinute)).Allowed);
        }
        for (var second = 1; second <= 59; second++)
        {
            Assert.False((await Hit("k", second, threePerMinute)).Allowed, $"retry at {second} s");
        }

        // Had the 59 refusals counted, the window would still be full at 60 s.
        var afterWaiting = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            afterWaiting.Add((await Hit("k", 60, threePerMinute)).Allowed);
        }
        Assert.Equal([true, true, true, false, false], afterWaiting);
    }

    protected async Task RefusedHitsDoNotExtendTheHourWindow()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Hit("k", i * 60)).Allowed);
        }
        // A refused try each minute for the rest of the hour.
        for (var second = 300; second < 3600; second += 60)
        {
            Assert.False((await Hit("k", second)).Allowed);
        }

        // Once the five counted hits have left the hour, five more (a minute apart) pass and the sixth does not.
        var passed = 0;
        for (var second = 3900; second < 3900 + 6 * 60; second += 60)
        {
            if ((await Hit("k", second)).Allowed)
            {
                passed++;
            }
        }
        Assert.Equal(5, passed);
    }

    protected async Task DifferentKeysAreIndependent()
    {
        Assert.True((await Hit("+8613812345678", 0)).Allowed);
        Assert.False((await Hit("+8613812345678", 1)).Allowed);

        Assert.True((await Hit("+8613912345678", 1)).Allowed);
        Assert.True((await Hit("tenant:a|+8613812345678", 1)).Allowed);
        Assert.False((await Hit("+8613912345678", 2)).Allowed);
    }

    protected async Task ConcurrentHitsOnOneKeyLetExactlyMaxThrough()
    {
        var window = new RateWindow(7, TimeSpan.FromMinutes(1));
        RateWindow[] windows = [window];
        using var go = new ManualResetEventSlim();

        var hits = Enumerable.Range(0, 200)
            .Select(i => Task.Run(async () =>
            {
                go.Wait();
                // Spread over the first second of the window, so some hits share a timestamp and some do not.
                return await Hit("k", i % 10 / 10.0, windows);
            }))
            .ToArray();
        go.Set();
        var decisions = await Task.WhenAll(hits);

        Assert.Equal(7, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(window, d.Window));
    }

    private ValueTask<MultiLimitDecision> HitAll(double secondsAfterStart, bool refuseWhenRaised, params LimitRequest[] requests) =>
        Store.TryAcquireAllAsync(requests, refuseWhenRaised, Start.AddSeconds(secondsAfterStart), CancellationToken.None);

    protected async Task MultiKeyAcquireCountsNothingWhenOneKeyRefuses()
    {
        RateWindow[] two = [new(2, TimeSpan.FromMinutes(1))];
        Assert.True((await Hit("b", 0, [new(1, TimeSpan.FromMinutes(1))])).Allowed);

        var refused = await HitAll(1, false, new("a", two), new("b", new RateWindow[] { new(1, TimeSpan.FromMinutes(1)) }));

        Assert.Equal(1, refused.RefusedIndex);
        Assert.Equal(TimeSpan.FromSeconds(59), refused.RetryAfter);
        // "a" was not counted: both of its two still fit.
        Assert.True((await HitAll(2, false, new LimitRequest("a", two))).Allowed);
        Assert.True((await HitAll(3, false, new LimitRequest("a", two))).Allowed);
        Assert.False((await HitAll(4, false, new LimitRequest("a", two))).Allowed);
    }

    protected async Task CheckUseRefusesWhenFullButCountsNothing()
    {
        RateWindow[] one = [new(1, TimeSpan.FromMinutes(1))];
        Assert.True((await HitAll(0, false, new LimitRequest("lock", one, LimitUse.Check), new LimitRequest("a", SendWindows))).Allowed);
        Assert.True((await HitAll(1, false, new LimitRequest("lock", one, LimitUse.Check))).Allowed);

        Assert.True((await Hit("lock", 2, one)).Allowed);
        var locked = await HitAll(3, false, new LimitRequest("lock", one, LimitUse.Check));
        Assert.Equal((0, TimeSpan.FromSeconds(59)), (locked.RefusedIndex, locked.RetryAfter));
    }

    protected async Task SignalIsRaisedFromItsMaxAndRefusesOnlyWhenAsked()
    {
        RateWindow[] third = [new(3, TimeSpan.FromMinutes(10))];
        var signal = new LimitRequest("ip", third, LimitUse.Signal);
        Assert.False((await HitAll(0, true, signal)).IsRaised(0));
        Assert.False((await HitAll(1, true, signal)).IsRaised(0));

        var refused = await HitAll(2, true, new LimitRequest("n", SendWindows), signal);
        Assert.Equal(1, refused.RefusedIndex);
        Assert.True(refused.IsRaised(1));
        // Nothing was counted, so "n" is still free and the signal still at two.
        var counted = await HitAll(3, false, new LimitRequest("n", SendWindows), signal);
        Assert.True(counted.Allowed);
        Assert.True(counted.IsRaised(1));
        Assert.True((await HitAll(4, false, signal)).IsRaised(0));
    }

    protected async Task ClaimIsGrantedOnceUntilItEnds()
    {
        var lifetime = TimeSpan.FromMilliseconds(200);
        Assert.True(await Store.TryClaimAsync("token", lifetime, Start, CancellationToken.None));
        Assert.False(await Store.TryClaimAsync("token", lifetime, Start.AddMilliseconds(100), CancellationToken.None));

        // Redis ends the claim on its own clock, so this case waits for real as well as moving `now`.
        await Task.Delay(lifetime + TimeSpan.FromMilliseconds(100));
        Assert.True(await Store.TryClaimAsync("token", lifetime, Start.AddMilliseconds(300), CancellationToken.None));
    }

    protected async Task ClaimsOfDifferentKeysAreIndependent()
    {
        Assert.True(await Store.TryClaimAsync("a", TimeSpan.FromMinutes(10), Start, CancellationToken.None));

        Assert.True(await Store.TryClaimAsync("b", TimeSpan.FromMinutes(10), Start, CancellationToken.None));
        Assert.False(await Store.TryClaimAsync("a", TimeSpan.FromMinutes(10), Start, CancellationToken.None));
    }

    protected async Task ConcurrentClaimsOnOneKeyGrantExactlyOne()
    {
        using var go = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 200)
            .Select(_ => Task.Run(async () =>
            {
                go.Wait();
                return await Store.TryClaimAsync("token", TimeSpan.FromMinutes(10), Start, CancellationToken.None);
            }))
            .ToArray();
        go.Set();

        Assert.Equal(1, (await Task.WhenAll(claims)).Count(granted => granted));
    }
}

public sealed class InMemoryLimitStoreTests : LimitStoreTests, IDisposable
{
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryLimitStore _store;

    public InMemoryLimitStoreTests() => _store = new InMemoryLimitStore(_clock);

    protected override ILimitStore Store => _store;

    public void Dispose() => _store.Dispose();

    [Fact]
    public Task TryAcquire_FirstHit_IsAllowed() => FirstHitIsAllowed();

    [Fact]
    public Task TryAcquire_SecondHitWithinMinute_IsRefusedByMinuteWindowWithRemainingTime() => SecondHitWithinMinuteIsRefusedUntilMinutePasses();

    [Fact]
    public Task TryAcquire_AfterMinute_IsAllowedAgain() => HitAfterMinuteIsAllowedAgain();

    [Fact]
    public Task Count_TellsEachWindowsHits_AndCountsNothing() => CountTellsEachWindowsHits_AndCountsNothing();

    [Fact]
    public Task TryAcquire_SixthHitWithinHour_IsRefusedByHourWindowWithRemainingTime() => SixthHitWithinHourIsRefusedByHourWindow();

    [Fact]
    public Task TryAcquire_EleventhHitWithinDay_IsRefusedByDayWindowWithRemainingTime() => EleventhHitWithinDayIsRefusedByDayWindow();

    [Fact]
    public Task TryAcquire_TwoWindowsFull_WaitsForTheLaterOne() => TwoFullWindowsRefuseUntilTheLaterOneFrees();

    [Fact]
    public Task TryAcquire_RefusedHits_AreNotCounted() => RefusedHitsAreNotCounted();

    [Fact]
    public Task TryAcquire_RefusedHitsThroughTheHour_DoNotDelayTheNextFive() => RefusedHitsDoNotExtendTheHourWindow();

    [Fact]
    public Task TryAcquire_DifferentKeys_AreIndependent() => DifferentKeysAreIndependent();

    [Fact]
    public Task TryAcquire_200ConcurrentHitsOnOneKey_AllowExactlyMax() => ConcurrentHitsOnOneKeyLetExactlyMaxThrough();

    [Fact]
    public Task TryAcquireAll_OneKeyRefuses_NoKeyIsCounted() => MultiKeyAcquireCountsNothingWhenOneKeyRefuses();

    [Fact]
    public Task TryAcquireAll_CheckUse_RefusesWhenFullAndCountsNothing() => CheckUseRefusesWhenFullButCountsNothing();

    [Fact]
    public Task TryAcquireAll_Signal_IsRaisedFromItsMax_RefusesOnlyWhenAsked() => SignalIsRaisedFromItsMaxAndRefusesOnlyWhenAsked();

    [Fact]
    public Task TryClaim_SecondClaimWhileItLasts_IsRefusedAndGrantedAfter() => ClaimIsGrantedOnceUntilItEnds();

    [Fact]
    public Task TryClaim_DifferentKeys_AreIndependent() => ClaimsOfDifferentKeysAreIndependent();

    [Fact]
    public Task TryClaim_200ConcurrentClaimsOnOneKey_GrantExactlyOne() => ConcurrentClaimsOnOneKeyGrantExactlyOne();

    [Fact]
    public async Task Sweep_EndedClaims_AreRemovedAndLiveOnesKept()
    {
        var now = _clock.GetUtcNow();
        Assert.True(await _store.TryClaimAsync("short", TimeSpan.FromSeconds(30), now, CancellationToken.None));
        Assert.True(await _store.TryClaimAsync("long", TimeSpan.FromMinutes(10), now, CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(1)); // the sweeper runs every minute on the store's clock

        Assert.Equal(1, _store.ClaimCount);
        Assert.False(await _store.TryClaimAsync("long", TimeSpan.FromMinutes(10), _clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task Sweep_KeysWhoseHitsAreAllOlderThanLongestWindow_AreRemoved()
    {
        await HitNow("old");
        _clock.Advance(TimeSpan.FromHours(23));
        await HitNow("recent");
        Assert.Equal(2, _store.KeyCount);

        // The sweeper runs every minute on the store's clock: past a day and a minute, "old" must be gone.
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(1, _store.KeyCount);
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, _store.KeyCount);
    }

    [Fact]
    public async Task Sweep_KeyWithHitsInsideLongestWindow_IsKeptAndStillLimited()
    {
        await HitNow("k");
        _clock.Advance(TimeSpan.FromSeconds(30));

        _store.Sweep();

        Assert.Equal(1, _store.KeyCount);
        Assert.False((await HitNow("k")).Allowed);
    }

    [Fact]
    public async Task TryAcquire_KeyHitAgainAfterBeingSwept_IsCountedAfresh()
    {
        await HitNow("k");
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(2));
        Assert.Equal(0, _store.KeyCount);

        Assert.True((await HitNow("k")).Allowed);
        Assert.Equal(1, _store.KeyCount);
        // The new hit landed in the live log, not in the swept one, so it limits the next.
        var refused = await HitNow("k", 10);
        Assert.False(refused.Allowed);
        Assert.Equal(PerMinute, refused.Window);
        Assert.Equal(TimeSpan.FromSeconds(50), refused.RetryAfter);
    }

    private ValueTask<LimitDecision> HitNow(string key, double secondsLater = 0) =>
        _store.TryAcquireAsync(key, SendWindows, _clock.GetUtcNow().AddSeconds(secondsLater), CancellationToken.None);
}

public sealed class RedisLimitStoreTests : LimitStoreTests, IAsyncLifetime
{
    // Every test gets keys of its own, and leaves none behind.
    private readonly string _prefix = "test:" + Guid.NewGuid().ToString("N") + ":";
    private ConnectionMultiplexer? _redis;
    private RedisLimitStore? _store;

    protected override ILimitStore Store => _store ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(RedisFactAttribute.ConnectionString!);
        _store = new RedisLimitStore(_redis, _prefix);
    }

    public async Task DisposeAsync()
    {
        if (_redis is null)
        {
            return;
        }
        foreach (var endpoint in _redis.GetEndPoints())
        {
            var server = _redis.GetServer(endpoint);
            if (server.IsConnected && !server.IsReplica)
            {
                await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
                {
                    await _redis.GetDatabase().KeyDeleteAsync(key);
                }
            }
        }
        await _redis.DisposeAsync();
    }

    [RedisFact]
    public Task TryAcquire_FirstHit_IsAllowed() => FirstHitIsAllowed();

    [RedisFact]
    public Task TryAcquire_SecondHitWithinMinute_IsRefusedByMinuteWindowWithRemainingTime() => SecondHitWithinMinuteIsRefusedUntilMinutePasses();

    [RedisFact]
    public Task TryAcquire_AfterMinute_IsAllowedAgain() => HitAfterMinuteIsAllowedAgain();

    [RedisFact]
    public Task Count_TellsEachWindowsHits_AndCountsNothing() => CountTellsEachWindowsHits_AndCountsNothing();

    [RedisFact]
    public Task TryAcquire_SixthHitWithinHour_IsRefusedByHourWindowWithRemainingTime() => SixthHitWithinHourIsRefusedByHourWindow();

    [RedisFact]
    public Task TryAcquire_EleventhHitWithinDay_IsRefusedByDayWindowWithRemainingTime() => EleventhHitWithinDayIsRefusedByDayWindow();

    [RedisFact]
    public Task TryAcquire_TwoWindowsFull_WaitsForTheLaterOne() => TwoFullWindowsRefuseUntilTheLaterOneFrees();

    [RedisFact]
    public Task TryAcquire_RefusedHits_AreNotCounted() => RefusedHitsAreNotCounted();

    [RedisFact]
    public Task TryAcquire_RefusedHitsThroughTheHour_DoNotDelayTheNextFive() => RefusedHitsDoNotExtendTheHourWindow();

    [RedisFact]
    public Task TryAcquire_DifferentKeys_AreIndependent() => DifferentKeysAreIndependent();

    [RedisFact]
    public Task TryAcquire_200ConcurrentHitsOnOneKey_AllowExactlyMax() => ConcurrentHitsOnOneKeyLetExactlyMaxThrough();

    [RedisFact]
    public Task TryAcquireAll_OneKeyRefuses_NoKeyIsCounted() => MultiKeyAcquireCountsNothingWhenOneKeyRefuses();

    [RedisFact]
    public Task TryAcquireAll_CheckUse_RefusesWhenFullAndCountsNothing() => CheckUseRefusesWhenFullButCountsNothing();

    [RedisFact]
    public Task TryAcquireAll_Signal_IsRaisedFromItsMax_RefusesOnlyWhenAsked() => SignalIsRaisedFromItsMaxAndRefusesOnlyWhenAsked();

    [RedisFact]
    public Task TryClaim_SecondClaimWhileItLasts_IsRefusedAndGrantedAfter() => ClaimIsGrantedOnceUntilItEnds();

    [RedisFact]
    public Task TryClaim_DifferentKeys_AreIndependent() => ClaimsOfDifferentKeysAreIndependent();

    [RedisFact]
    public Task TryClaim_200ConcurrentClaimsOnOneKey_GrantExactlyOne() => ConcurrentClaimsOnOneKeyGrantExactlyOne();

    [RedisFact]
    public async Task TryClaim_StoresTheKeyUnderThePrefixWithTheLifetimeAsTtl()
    {
        Assert.True(await Store.TryClaimAsync("token", TimeSpan.FromMinutes(10), Start, CancellationToken.None));

        var ttl = await _redis!.GetDatabase().KeyTimeToLiveAsync(_prefix + "token");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.False(await _redis.GetDatabase().KeyExistsAsync("token"));
    }

    [RedisFact]
    public async Task TryAcquire_WithKeyPrefix_StoresTheKeyOnlyUnderThePrefix()
    {
        await Store.TryAcquireAsync("k", SendWindows, Start, CancellationToken.None);

        var db = _redis!.GetDatabase();
        Assert.True(await db.KeyExistsAsync(_prefix + "k"));
        Assert.False(await db.KeyExistsAsync("k"));
    }
}
