namespace SmsVerify.Client;

public sealed partial class SmsVerifyClient
{
    /// <summary>Sets the webhook; the answer that creates it carries its signing secret, once.</summary>
    public Task<WebhookSettings> SetWebhookAsync(SetWebhookRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Put("v1/webhooks", Json(request, ClientJson.Default.SetWebhookRequest)), ClientJson.Default.WebhookSettings, cancellationToken);

    /// <summary>The webhook as set, without its secret; <c>404 webhook_not_configured</c> when there is none.</summary>
    public Task<WebhookSettings> GetWebhookAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/webhooks"), ClientJson.Default.WebhookSettings, cancellationToken);

    public Task DeleteWebhookAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Delete("v1/webhooks"), cancellationToken);

    /// <summary>A new signing secret, in the answer; the old one stops signing with the next delivery.</summary>
    public Task<WebhookSettings> RotateWebhookSecretAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post("v1/webhooks/secret"), ClientJson.Default.WebhookSettings, cancellationToken);

    /// <summary>The newest deliveries, <paramref name="limit"/> (1 to 100) of them.</summary>
    public Task<List<WebhookDelivery>> ListWebhookDeliveriesAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/webhooks/deliveries" + QueryString(("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            ClientJson.Default.ListWebhookDelivery, cancellationToken);

    /// <summary>Posts a signed <c>webhook.test</c> event to the webhook (at most 5 a minute); answers its delivery.</summary>
    public Task<WebhookDelivery> SendTestWebhookAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post("v1/webhooks/test"), ClientJson.Default.WebhookDelivery, cancellationToken);
}
