using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Tests.Webhooks;

public sealed class WebhookRetentionTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task Prune_DeletesFinishedDeliveriesPastTheRetention_AndKeepsRecentAndPendingOnes()
    {
        var tenant = await app.CreateTenantAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        WebhookDelivery Delivery(DeliveryStatus status, TimeSpan finishedAgo) => new()
        {
            TenantId = tenant.Id,
            Event = "message.status",
            Payload = "{}",
            Status = status,
            CreatedAt = now - finishedAgo - TimeSpan.FromMinutes(1),
            NextAttemptAt = now - finishedAgo,
        };
        var old = new[] { Delivery(DeliveryStatus.Delivered, TimeSpan.FromDays(31)), Delivery(DeliveryStatus.Failed, TimeSpan.FromDays(31)) };
        // A pending delivery is never deleted, however long it has waited; a recent finished one stays for the tenant to see.
        var kept = new[] { Delivery(DeliveryStatus.Delivered, TimeSpan.FromDays(29)), Delivery(DeliveryStatus.Pending, TimeSpan.FromDays(40)) };
        await app.WithDbAsync(db =>
        {
            db.WebhookDeliveries.AddRange([.. old, .. kept]);
            return db.SaveChangesAsync();
        });

        var deleted = await app.WithDbAsync(db => WebhookRetention.PruneAsync(db, now - TimeSpan.FromDays(30), default));

        Assert.Equal(2, deleted);
        var left = await app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.TenantId == tenant.Id).Select(d => d.Id).ToListAsync());
        Assert.Equal(kept.Select(d => d.Id).Order(), left.Order());
    }
}
