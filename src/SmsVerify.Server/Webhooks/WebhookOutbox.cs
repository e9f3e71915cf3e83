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
public sealed class WebhookOutbox(IOptions<JsonOptions> json, TimeProvider clock) : WakeSignal(clock)
{
    public async Task EnqueueAsync(AppDbContext db, Guid tenantId, string eventName, object data, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.TenantId == tenantId, cancellationToken);
        if (endpoint is null || (endpoint.Events.Count > 0 && !endpoint.Events.Contains(eventName)))
        {
            return;
        }
        var now = Clock.UtcNowForStorage();
        var id = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new WebhookEvent(id, eventName, now, data), json.Value.SerializerOptions);
        db.WebhookDeliveries.Add(new WebhookDelivery { Id = id, TenantId = tenantId, Event = eventName, Payload = payload, CreatedAt = now, NextAttemptAt = now });
    }
}

/// <summary>The body of every delivery: <c>{id, type, createdAt, data}</c>.</summary>
public sealed record WebhookEvent(Guid Id, string Type, DateTime CreatedAt, object Data);
