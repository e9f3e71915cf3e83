using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// Writes a batch of outbox rows in one of the vendor formats of <see cref="WebhookFormat"/>. The vendor doors
/// register one each (Compat/), so the webhooks depend on no vendor.
/// </summary>
public interface IWebhookFormatWriter
{
    WebhookFormat Format { get; }

    /// <summary>The body to post, or null when the format has nothing to say about these events.</summary>
    Task<string?> WriteAsync(AppDbContext db, List<WebhookDelivery> deliveries, CancellationToken cancellationToken);
}

/// <summary>
/// The one switch from a webhook's <see cref="WebhookFormat"/> to the writer of its bodies. Every format reads the
/// same outbox rows (the event as SmsVerify stores it, oldest first); a status batch is one request in every format.
/// </summary>
internal sealed class WebhookBodies(IEnumerable<IWebhookFormatWriter> writers)
{
    private readonly Dictionary<WebhookFormat, IWebhookFormatWriter> _writers = writers.ToDictionary(w => w.Format);

    /// <summary>The body to post, or null when the format has nothing to say about these events.</summary>
    public Task<string?> WriteAsync(AppDbContext db, WebhookFormat format, List<WebhookDelivery> deliveries, CancellationToken cancellationToken) =>
        // A test event has no vendor shape; it is posted as SmsVerify writes it, so a vendor-format receiver sees it too.
        format == WebhookFormat.SmsVerify || deliveries[0].Event == TenantWebhooks.TestEvent ? Task.FromResult<string?>(SmsVerifyBody(deliveries))
        : _writers.TryGetValue(format, out var writer) ? writer.WriteAsync(db, deliveries, cancellationToken)
        : throw new InvalidOperationException($"No writer is registered for the webhook format {format}.");

    /// <summary><c>{id, type, createdAt, data}</c> as stored, status events as one JSON array of them.</summary>
    private static string SmsVerifyBody(List<WebhookDelivery> deliveries) =>
        deliveries[0].Event == WebhookDispatcher.BatchedEvent ? $"[{string.Join(',', deliveries.Select(d => d.Payload))}]" : deliveries[0].Payload;
}
