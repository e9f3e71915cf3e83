using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// Adds events to the outbox inside the caller's transaction, and wakes the dispatcher once that has committed.
/// A tenant without a webhook, or not subscribed to the event, gets no row.
/// </summary>
/// <remarks>
/// Which events a tenant subscribes to is remembered for <see cref="WebhookOptions.SubscriptionCacheTime"/>: every
/// message status change asks, and a lookup each would be a statement on the delivery path's single writer. This
/// node forgets at once when its API changes a webhook; other nodes notice within that time.
/// </remarks>
public sealed class WebhookOutbox(IOptions<JsonOptions> json, IOptions<WebhookOptions> options, IMemoryCache cache, TimeProvider clock)
    : WakeSignal(clock)
{
    public async Task EnqueueAsync(AppDbContext db, Guid tenantId, string eventName, object data, CancellationToken cancellationToken)
    {
        if (await WantsAsync(db, tenantId, eventName, cancellationToken))
        {
            Add(db, tenantId, eventName, data);
        }
    }

    /// <summary>Whether the tenant has a webhook that takes <paramref name="eventName"/>: ask before building an event's data.</summary>
    public async ValueTask<bool> WantsAsync(AppDbContext db, Guid tenantId, string eventName, CancellationToken cancellationToken)
    {
        var subscribed = cache.TryGetValue(CacheKey(tenantId), out Subscription? cached) ? cached! : await ReadAsync(db, tenantId, cancellationToken);
        return subscribed.Events is { } events && (events.Count == 0 || events.Contains(eventName));
    }

    /// <summary>Adds an event that <see cref="WantsAsync"/> said the tenant takes.</summary>
    public void Add(AppDbContext db, Guid tenantId, string eventName, object data)
    {
        var now = Clock.UtcNowForStorage();
        var id = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new WebhookEvent(id, eventName, now, data), json.Value.SerializerOptions);
        db.WebhookDeliveries.Add(new WebhookDelivery { Id = id, TenantId = tenantId, Event = eventName, Payload = payload, CreatedAt = now, NextAttemptAt = now });
    }

    /// <summary>Called when this node changes a tenant's webhook, so its next event sees the change.</summary>
    public void Forget(Guid tenantId) => cache.Remove(CacheKey(tenantId));

    private async Task<Subscription> ReadAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var events = await db.WebhookEndpoints.AsNoTracking().Where(e => e.TenantId == tenantId).Select(e => e.Events).FirstOrDefaultAsync(cancellationToken);
        var subscription = new Subscription(events);
        if (options.Value.SubscriptionCacheTime > TimeSpan.Zero)
        {
            cache.Set(CacheKey(tenantId), subscription, options.Value.SubscriptionCacheTime);
        }
        return subscription;
    }

    private static string CacheKey(Guid tenantId) => "webhook-events:" + tenantId.ToString("N");

    /// <summary>Null events: no webhook. Empty: every event.</summary>
    private sealed record Subscription(List<string>? Events);
}

/// <summary>The body of every delivery: <c>{id, type, createdAt, data}</c>.</summary>
public sealed record WebhookEvent(Guid Id, string Type, DateTime CreatedAt, object Data);
