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
/// message status change asks, and a lookup each would be a statement on the delivery path's single writer. Every
/// node forgets at once when the API changes a webhook (<see cref="ClusterCache"/>).
/// </remarks>
public sealed class WebhookOutbox(IOptions<JsonOptions> json, IOptions<WebhookOptions> options, IMemoryCache cache, ClusterCache cluster, TimeProvider clock)
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
        var subscribed = await cache.GetOrReadAsync(Kind, tenantId, options.Value.SubscriptionCacheTime, (db, tenantId, cancellationToken), static async s =>
            new Subscription(await s.db.WebhookEndpoints.AsNoTracking().Where(e => e.TenantId == s.tenantId).Select(e => e.Events)
                .FirstOrDefaultAsync(s.cancellationToken)));
        return subscribed.Events is { } events && (events.Count == 0 || events.Contains(eventName));
    }

    /// <summary>Adds an event that <see cref="WantsAsync"/> said the tenant takes.</summary>
    public void Add(AppDbContext db, Guid tenantId, string eventName, object data) => db.WebhookDeliveries.Add(Create(tenantId, eventName, data));

    /// <summary>
    /// The outbox row of an event that <see cref="WantsAsync"/> said the tenant takes, for the caller to insert;
    /// <paramref name="handedOver"/> locks it to this node's dispatcher, which gets it through the <see cref="WebhookHandover"/>.
    /// </summary>
    public WebhookDelivery Create(Guid tenantId, string eventName, object data, bool handedOver = false)
    {
        var now = Clock.UtcNowForStorage();
        var id = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new WebhookEvent(id, eventName, now, data), json.Value.SerializerOptions);
        return new WebhookDelivery
        {
            Id = id,
            TenantId = tenantId,
            Event = eventName,
            Payload = payload,
            CreatedAt = now,
            NextAttemptAt = now,
            LockedUntil = handedOver ? now + Lease : null,
        };
    }

    /// <summary>How long a dispatcher's hold on a delivery lasts: a node that dies with it leaves it to others after this.</summary>
    public TimeSpan Lease => options.Value.Timeout * 2;

    private volatile bool _pollWanted;

    /// <summary>Wakes the dispatcher to read the outbox: rows were written that nothing handed over.</summary>
    public override void Wake()
    {
        _pollWanted = true;
        base.Wake();
    }

    /// <summary>Wakes the dispatcher for events handed over (<see cref="WebhookHandover"/>) only.</summary>
    public void WakeForHandover() => base.Wake();

    /// <summary>Whether a <see cref="Wake"/> came since the last call: the outbox has rows to read now.</summary>
    public bool TakePollWanted()
    {
        var wanted = _pollWanted;
        _pollWanted = false;
        return wanted;
    }

    /// <summary>Called when this node changes a tenant's webhook, so its next event sees the change.</summary>
    public void Forget(Guid tenantId) => cluster.ForgetTenant(Kind, tenantId);

    private const string Kind = "webhook-events";

    /// <summary>Null events: no webhook. Empty: every event.</summary>
    private sealed record Subscription(List<string>? Events);
}

/// <summary>The body of every delivery: <c>{id, type, createdAt, data}</c>.</summary>
public sealed record WebhookEvent(Guid Id, string Type, DateTime CreatedAt, object Data);
