using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// Adds events to the outbox inside the caller's transaction, and wakes the dispatcher once that has committed.
/// A tenant without a webhook, or not subscribed to the event, gets no row.
/// </summary>
public sealed class WebhookOutbox(IOptions<JsonOptions> json, TimeProvider clock)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public async Task EnqueueAsync(AppDbContext db, Guid tenantId, string eventName, object data, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.TenantId == tenantId, cancellationToken);
        if (endpoint is null || (endpoint.Events.Count > 0 && !endpoint.Events.Contains(eventName)))
        {
            return;
        }
        var now = clock.UtcNowForStorage();
        var id = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new WebhookEvent(id, eventName, now, data), json.Value.SerializerOptions);
        db.WebhookDeliveries.Add(new WebhookDelivery { Id = id, TenantId = tenantId, Event = eventName, Payload = payload, CreatedAt = now, NextAttemptAt = now });
    }

    /// <summary>Tells the dispatcher there is work; call it after the transaction that enqueued has committed.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it in between: one wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a wake-up or the poll interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(interval, clock, timeout.Token);
        await Task.WhenAny(_wake.WaitAsync(timeout.Token), delay);
        await timeout.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}

/// <summary>The body of every delivery: <c>{id, type, createdAt, data}</c>.</summary>
public sealed record WebhookEvent(Guid Id, string Type, DateTime CreatedAt, object Data);
