using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Messages;

/// <summary>
/// What the hourly jobs keep and let go: a test number's inbox clears whole texts after a day (the log keeps them
/// masked), the message log and the inbox of replies drop what is past their retention, and nothing still queued
/// or any opt-out is lost.
/// </summary>
public sealed class LogRetentionTests : IAsyncLifetime
{
    private const string TestNumber = "+8613800000077";
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(new() { ["Messages:RetentionDays"] = "30", ["Messages:InboundRetentionDays"] = "20" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ATestNumbersInbox_ClearsTheWholeTextAfterADay_WhileTheLogKeepsItMasked()
    {
        var tenant = await _app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(TestNumber, fixedCode: "246810");
        var id = (await tenant.StartOkAsync(TestNumber)).Str("id");
        Assert.Equal("246810", await tenant.LatestCodeAsync(TestNumber));

        _app.Clock.Advance(TimeSpan.FromHours(25));
        await Wait.Until(async () => (await tenant.InboxAsync(TestNumber)).GetArrayLength() == 0, "the hourly job to clear the inbox");

        var logged = await (await tenant.Http.GetAsync($"/v1/messages?to={Uri.EscapeDataString(TestNumber)}")).OkAsync();
        var message = Assert.Single(logged.EnumerateArray());
        Assert.Equal(id, message.Str("verificationId"));
        Assert.DoesNotContain("246810", message.Str("text"));
    }

    [Fact]
    public async Task TheLogAndTheReplies_DropWhatIsPastTheirRetention_ButNotQueuedMessagesOrOptOuts()
    {
        var tenant = await _app.CreateTenantAsync();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        MessageRecord Message(MessageStatus status, int daysAgo) => new()
        {
            TenantId = tenant.Id,
            To = "+8613912345678",
            Signature = "某某科技",
            Template = "SMS_1",
            MaskedText = "【某某科技】您的订单已发货",
            Status = status,
            CreatedAt = now - TimeSpan.FromDays(daysAgo),
        };
        InboundMessage Reply(Guid? tenantId, int daysAgo) => new()
        {
            TenantId = tenantId,
            From = "+8613912345678",
            To = "1069000123456",
            Text = "TD",
            Channel = "primary",
            ReceivedAt = now - TimeSpan.FromDays(daysAgo),
        };
        MessageRecord[] old = [Message(MessageStatus.Delivered, 31), Message(MessageStatus.Failed, 40), Message(MessageStatus.Submitted, 31)];
        // A message still in the queue is never deleted, however old; a recent one stays for the tenant to see.
        MessageRecord[] kept = [Message(MessageStatus.Queued, 60), Message(MessageStatus.Delivered, 29)];
        InboundMessage[] oldReplies = [Reply(tenant.Id, 21), Reply(null, 25)];
        InboundMessage[] keptReplies = [Reply(tenant.Id, 19)];
        await _app.WithDbAsync(db =>
        {
            db.Messages.AddRange([.. old, .. kept]);
            db.InboundMessages.AddRange([.. oldReplies, .. keptReplies]);
            return db.SaveChangesAsync();
        });

        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        await Wait.Until(async () => await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == tenant.Id)) == kept.Length,
            "the hourly job to delete the old messages");
        await Wait.Until(async () => await _app.WithDbAsync(db => db.InboundMessages.CountAsync(m => oldReplies.Select(r => r.Id).Contains(m.Id))) == 0,
            "the hourly job to delete the old replies");

        var left = await _app.WithDbAsync(db => db.Messages.Where(m => m.TenantId == tenant.Id).Select(m => m.Id).ToListAsync());
        Assert.Equal(kept.Select(m => m.Id).Order(), left.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Http.GetAsync($"/v1/messages/{old[0].Id}")).StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.InboundMessages.AnyAsync(m => m.Id == keptReplies[0].Id)));
    }
}
