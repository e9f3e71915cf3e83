using System.Text.Json;

namespace SmsVerify.Client;

/// <summary>
/// Where events go: an HTTPS URL; <see cref="Events"/> to subscribe to (none: all of them), <see cref="Format"/>
/// <c>smsverify</c> (the default), <c>alibaba</c> or <c>tencent</c>.
/// </summary>
public sealed record SetWebhookRequest(string Url)
{
    public IReadOnlyList<string>? Events { get; init; }

    public string? Format { get; init; }
}

/// <summary>The webhook as set. <see cref="Secret"/> is in the answer that created or rotated it only: keep it then.</summary>
public sealed record WebhookSettings(string Url, IReadOnlyList<string> Events, string Format, DateTimeOffset UpdatedAt, string? Secret);

/// <summary>One event's way to the webhook: <c>pending</c>, <c>delivered</c> or <c>failed</c> (given up).</summary>
public sealed record WebhookDelivery(
    Guid Id,
    string Event,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt);

/// <summary>An event as the server posts it (<c>smsverify</c> format). A retried delivery carries the same id.</summary>
public sealed record WebhookEvent(Guid Id, string Type, DateTimeOffset CreatedAt, JsonElement Data);

/// <summary>The event types a webhook can subscribe to.</summary>
public static class WebhookEvents
{
    public const string ReviewCompleted = "review.completed";
    public const string MessageStatus = "message.status";
    public const string InboundReceived = "inbound.received";
    public const string RiskBlockCreated = "risk.block_created";
    public const string RiskBreakerOpened = "risk.breaker_opened";

    /// <summary>Sent by <c>SendTestWebhookAsync</c> whatever the subscription.</summary>
    public const string Test = "webhook.test";
}
