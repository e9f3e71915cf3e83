using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Stats;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Tests.Messages.Stats;

/// <summary>
/// The console's traffic counts over messages and verifications placed at known times (the fake clock moved between
/// them): per minute and per hour by status, delivery rate, conversion, and the shares by carrier and channel.
/// </summary>
public sealed class TrafficStatsTests : IAsyncLifetime
{
    private const string Mobile = "+8613800138000", Unicom = "+8613000130000";
    private readonly SmsVerifyApp _app = new();
    private Guid _tenant;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _tenant = (await _app.CreateTenantAsync()).Id;
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task CountsEachMinuteByStatus_AndTheRatesOfTheHourAndTheDay()
    {
        // 105 minutes before the end: outside the hour, inside the day.
        var old = await AddVerificationAsync(VerificationStatus.Approved);
        await AddMessageAsync(MessageStatus.Delivered, Mobile, "cmcc", old);
        _app.Clock.Advance(TimeSpan.FromMinutes(90));
        // 15 minutes before the end (slot 44 of 60): two codes through cmcc, one approved; their messages delivered and failed.
        var approved = await AddVerificationAsync(VerificationStatus.Approved);
        var pending = await AddVerificationAsync(VerificationStatus.Pending);
        await AddMessageAsync(MessageStatus.Delivered, Mobile, "cmcc", approved);
        await AddMessageAsync(MessageStatus.Delivered, Mobile, "cmcc", pending);
        await AddMessageAsync(MessageStatus.Failed, Mobile, "cmcc", pending);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await AddMessageAsync(MessageStatus.Expired, Unicom, "cucc", null);
        await AddMessageAsync(MessageStatus.Queued, Unicom, null, null);
        _app.Clock.Advance(TimeSpan.FromMinutes(10));

        var hour = await ReadAsync(TrafficRange.Hour);
        Assert.Equal(60, hour.Window.Slots);
        Assert.Equal(Counts(60, (44, 2)), hour.ByStatus[MessageStatus.Delivered]);
        Assert.Equal(Counts(60, (44, 1)), hour.ByStatus[MessageStatus.Failed]);
        Assert.Equal(Counts(60, (49, 1)), hour.ByStatus[MessageStatus.Expired]);
        Assert.Equal(Counts(60, (49, 1)), hour.ByStatus[MessageStatus.Queued]);
        Assert.Equal(Counts(60), hour.ByStatus[MessageStatus.Submitted]);
        Assert.Equal((2, 4, 0.5), (hour.Delivered, hour.Settled, hour.DeliveryRate));
        Assert.Equal((2, 1, 0.5), (hour.VerificationsSent, hour.VerificationsApproved, hour.Conversion));
        Assert.Equal(
            [new TrafficShare("", 1, 0, 0, 0, 0), new TrafficShare("cmcc", 3, 2, 3, 2, 1), new TrafficShare("cucc", 1, 0, 1, 0, 0)],
            hour.ByChannel);
        Assert.Equal(
            [new TrafficShare(nameof(Carrier.ChinaMobile), 3, 2, 3, 2, 1), new TrafficShare(nameof(Carrier.ChinaUnicom), 2, 0, 1, 0, 0)],
            hour.ByCarrier);

        var day = await ReadAsync(TrafficRange.Day);
        Assert.Equal(24, day.Window.Slots);
        Assert.Equal(3, day.ByStatus[MessageStatus.Delivered].Sum());
        // 90 minutes apart, the two deliveries of the hour and the older one are never in the same hour's slot.
        Assert.Equal(2, day.ByStatus[MessageStatus.Delivered][day.Window.SlotOf(_app.Clock.GetUtcNow().AddMinutes(-15).Hour)]);
        Assert.Equal(1, day.ByStatus[MessageStatus.Delivered][day.Window.SlotOf(_app.Clock.GetUtcNow().AddMinutes(-105).Hour)]);
        Assert.Equal((3, 5, 0.6), (day.Delivered, day.Settled, day.DeliveryRate));
        Assert.Equal((3, 2), (day.VerificationsSent, day.VerificationsApproved));

        var channels = await WithStatsAsync(stats => stats.ByChannelAsync(CancellationToken.None));
        Assert.Equal(["cmcc", "cucc"], channels.Channels.Select(c => c.Channel));
        var cmcc = channels.Of("cmcc");
        Assert.Equal((3, 1, 3), (cmcc.Messages[44], cmcc.Failed[44], cmcc.Settled[44]));
        Assert.Equal(3, cmcc.Messages.Sum());
        Assert.Equal(33.3, cmcc.FailedPercent[44]);
        Assert.Equal(60, channels.Of("sandbox").Messages.Length);
    }

    [Fact]
    public async Task NothingSent_CountsNothing_AndHasNoRates()
    {
        var hour = await ReadAsync(TrafficRange.Hour);
        Assert.All(hour.ByStatus.Values, counts => Assert.Equal(Counts(60), counts));
        Assert.Null(hour.DeliveryRate);
        Assert.Null(hour.Conversion);
        Assert.Empty(hour.ByChannel);
    }

    /// <summary>
    /// Every query seeks its window by an index (the primary key of messages, CreatedAt of verifications) rather than
    /// reading the whole table. PostgreSQL is told not to scan
    /// sequentially, since on a test's tiny table a scan is cheaper: what is checked is that the key can serve the range.
    /// </summary>
    [Fact]
    public async Task EveryQuery_ReadsItsWindowAsAPrimaryKeyRange()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var stats = scope.ServiceProvider.GetRequiredService<TrafficStats>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hour = TrafficWindow.Ending(TrafficRange.Hour, _app.Clock.UtcNowForStorage());
        var day = TrafficWindow.Ending(TrafficRange.Day, _app.Clock.UtcNowForStorage());
        IQueryable[] queries =
        [
            stats.PerSlot(hour), stats.PerSlot(day), stats.PerBlock(day), stats.CodesPerBlock(day), stats.PerChannelSlot(hour),
            stats.VerificationsByOutcome(day),
        ];
        await db.Database.OpenConnectionAsync();
        if (SmsVerifyApp.OnPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        }
        foreach (var query in queries)
        {
            var plan = await query.PlanAsync();
            Assert.True(SmsVerifyApp.OnPostgres
                ? Regex.IsMatch(plan, @"Index Cond: \((\w+\.)?""(Id|CreatedAt)"" >= ")
                : Regex.IsMatch(plan, @"SEARCH \w+ USING INDEX (sqlite_autoindex_messages_1 \(Id>\?\)|IX_verifications_CreatedAt \(CreatedAt>\?\))"), plan);
        }
    }

    /// <summary>An id of the time the fake clock shows, as the server makes at real time.</summary>
    private static Guid IdAt(DateTime utc) => Guid.CreateVersion7(new DateTimeOffset(utc, TimeSpan.Zero));

    private static int[] Counts(int slots, params (int Slot, int Count)[] counts)
    {
        var all = new int[slots];
        foreach (var (slot, count) in counts)
        {
            all[slot] = count;
        }
        return all;
    }

    private Task<TrafficReport> ReadAsync(TrafficRange range) => WithStatsAsync(stats => stats.ReadAsync(range, CancellationToken.None));

    private async Task<T> WithStatsAsync<T>(Func<TrafficStats, Task<T>> read)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TrafficStats>());
    }

    private async Task<Guid> AddVerificationAsync(VerificationStatus status)
    {
        var now = _app.Clock.UtcNowForStorage();
        var verification = new VerificationRecord
        {
            Id = IdAt(now),
            TenantId = _tenant,
            To = Mobile,
            Status = status,
            CodeHash = new byte[32],
            Signature = "某某科技",
            Template = "SMS_1",
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(5),
            LastSentAt = now,
            UpdatedAt = now,
        };
        return await _app.WithDbAsync(async db =>
        {
            db.Verifications.Add(verification);
            await db.SaveChangesAsync();
            return verification.Id;
        });
    }

    private Task AddMessageAsync(MessageStatus status, string to, string? channel, Guid? verification)
    {
        var now = _app.Clock.UtcNowForStorage();
        return _app.WithDbAsync(async db =>
        {
            db.Messages.Add(new MessageRecord
            {
                Id = IdAt(now),
                TenantId = _tenant,
                To = to,
                Signature = "某某科技",
                Template = "SMS_1",
                MaskedText = "【某某科技】验证码为******",
                Status = status,
                Channel = channel,
                VerificationId = verification,
                CreatedAt = now,
            });
            return await db.SaveChangesAsync();
        });
    }
}
