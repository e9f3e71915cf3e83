using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
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
public sealed class WebhookOutbox(IOptions<JsonOptions> json, IOptions<WebhookOptions> options, TimeProvider clock) : WakeSignal(clock)
{
    /// <summary>Null events: no webhook. Empty: every event.</summary>
    private sealed record Subscription(List<string>? Events, long Until);

    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    public async Task EnqueueAsync(AppDbContext db, Guid tenantId, string eventName, object data, CancellationToken cancellationToken)
    {
        if (!await IsSubscribedAsync(db, tenantId, eventName, cancellationToken))
        {
            return;
        }
        var now = Clock.UtcNowForStorage();
        var id = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new WebhookEvent(id, eventName, now, data), json.Value.SerializerOptions);
        db.WebhookDeliveries.Add(new WebhookDelivery { Id = id, TenantId = tenantId, Event = eventName, Payload = payload, CreatedAt = now, NextAttemptAt = now });
    }

    /// <summary>Called when this node changes a tenant's webhook, so its next event sees the change.</summary>
    public void Forget(Guid tenantId) => _subscriptions.TryRemove(tenantId, out _);

    private async ValueTask<bool> IsSubscribedAsync(AppDbContext db, Guid tenantId, string eventName, CancellationToken cancellationToken)
    {
        // Monotonic time: the cache must not live longer when a test moves the fake clock back, or shorter when forward.
        var now = Environment.TickCount64;
        if (!_subscriptions.TryGetValue(tenantId, out var subscription) || subscription.Until <= now)
        {
            var events = await db.WebhookEndpoints.AsNoTracking().Where(e => e.TenantId == tenantId).Select(e => e.Events).FirstOrDefaultAsync(cancellationToken);
            subscription = new Subscription(events, now + (long)options.Value.SubscriptionCacheTime.TotalMilliseconds);
            _subscriptions[tenantId] = subscription;
        }
        return subscription.Events is { } subscribed && (subscribed.Count == 0 || subscribed.Contains(eventName));
    }
}

/// <summary>The body of every delivery: <c>{id, type, createdAt, data}</c>.</summary>
public sealed record WebhookEvent(Guid Id, string Type, DateTime CreatedAt, object Data);
