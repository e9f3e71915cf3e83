using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Webhooks;

/// <summary>What a test event carries: who asked for it (a key or a console person), so a receiver can tell it apart.</summary>
public sealed record WebhookTestData(string Message, string RequestedBy);

// "Send a test event": an event of its own type through the real outbox and dispatcher, signed like every other, so a
// tenant sees its receiver take (or refuse) exactly what real events look like.
public sealed partial class TenantWebhooks
{
    public const string TestEvent = "webhook.test";

    /// <summary>Test events a tenant may send in <see cref="TestWindow"/>: enough to try a receiver, too few to flood it.</summary>
    public static readonly RateWindow[] TestWindow = [new(5, TimeSpan.FromMinutes(1))];

    /// <summary>
    /// Adds a <c>webhook.test</c> event to the outbox, whatever the events subscribed, and wakes the dispatcher; the
    /// delivery's id, or why not (no webhook, or 5 already this minute: <c>webhook_test_too_soon</c>).
    /// </summary>
    public async Task<Outcome<DeliveryView>> SendTestAsync(Guid tenantId, string requestedBy, CancellationToken cancellationToken)
    {
        if (await GetAsync(tenantId, cancellationToken) is null)
        {
            return NotConfigured();
        }
        var allowed = await limits.TryAcquireAsync(TestKey(tenantId), TestWindow, clock.GetUtcNow(), cancellationToken);
        if (!allowed.Allowed)
        {
            return ProblemTypes.WebhookTestTooSoon.With($"At most {TestWindow[0].Max} test events a minute; send the next one later.") with
            {
                RetryAfter = allowed.RetryAfter,
            };
        }
        var delivery = outbox.Create(tenantId, TestEvent,
            new WebhookTestData("A test event from SmsVerify: your webhook receives and checks events as it should.", requestedBy));
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return DeliveryView.From(delivery);
    }

    /// <summary>Test events sent in the last minute (what the console shows of the limit); null while the store does not answer.</summary>
    public async Task<int?> TestsSentAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        try
        {
            return (await limits.CountAsync(TestKey(tenantId), TestWindow, clock.GetUtcNow(), cancellationToken))[0];
        }
        catch (LimitStoreUnavailableException)
        {
            return null;
        }
    }

    private static string TestKey(Guid tenantId) => $"webhook-test:{tenantId:N}";
}
