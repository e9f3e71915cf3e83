using SmsVerify.Server.Compat.Alibaba;
using SmsVerify.Server.Compat.Tencent;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// The one switch from a webhook's <see cref="WebhookFormat"/> to the writer of its bodies. Every format reads the
/// same outbox rows (the event as SmsVerify stores it, oldest first); a status batch is one request in every format.
/// </summary>
internal static class WebhookBodies
{
    /// <summary>The body to post, or null when the format has nothing to say about these events.</summary>
    public static Task<string?> WriteAsync(AppDbContext db, WebhookFormat format, List<WebhookDelivery> deliveries, CancellationToken cancellationToken) =>
        format switch
        {
            WebhookFormat.Alibaba => AlibabaCallbacks.WriteAsync(db, deliveries, cancellationToken),
            WebhookFormat.Tencent => TencentCallbacks.WriteAsync(db, deliveries, cancellationToken),
            _ => Task.FromResult<string?>(SmsVerifyBody(deliveries)),
        };

    /// <summary><c>{id, type, createdAt, data}</c> as stored, status events as one JSON array of them.</summary>
    private static string SmsVerifyBody(List<WebhookDelivery> deliveries) =>
        deliveries[0].Event == WebhookDispatcher.BatchedEvent ? $"[{string.Join(',', deliveries.Select(d => d.Payload))}]" : deliveries[0].Payload;
}
