using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Webhooks;

/// <summary><c>format</c>: <c>smsverify</c> (the default), <c>alibaba</c> or <c>tencent</c> (<see cref="WebhookFormat"/>).</summary>
public sealed record SetWebhookRequest(string? Url, List<string>? Events, string? Format = null);

/// <summary>The configuration as shown; <c>secret</c> only in the answer that created or rotated it.</summary>
public sealed record WebhookView(string Url, List<string> Events, string Format, DateTime UpdatedAt, string? Secret = null);

public sealed record DeliveryView(Guid Id, string Event, DeliveryStatus Status, int Attempts, DateTime CreatedAt, DateTime? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTime? DeliveredAt)
{
    /// <summary>The next attempt only while one is due: a delivered or given-up event has none.</summary>
    public static DeliveryView From(WebhookDelivery d) => new(d.Id, d.Event, d.Status, d.Attempts, d.CreatedAt,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastStatusCode, d.LastError, d.DeliveredAt);
}

public static class WebhooksApi
{
    public const int MaxUrlLength = 500;

    /// <summary>The events a tenant can subscribe to; an empty list means all of them.</summary>
    public static readonly string[] Events = [ReviewCompletedEvent, Messages.MessageView.StatusEvent, Messages.Inbound.InboundMessages.ReceivedEvent, Risk.Pumping.RiskBlockView.CreatedEvent,
        Risk.Breakers.BreakerTrips.OpenedEvent];
    public const string ReviewCompletedEvent = "review.completed";

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Tenant);
        group.MapPut("/", Set)
            .Example(new SetWebhookRequest("https://shop.example.cn/sms/events", ["message.status", "inbound.received"]))
            .Describe("setWebhook", "Set the webhook",
                "Where message and verification events are posted, which events, and in which format (SmsVerify's own, or "
                + "Alibaba's or Tencent's callback shape). A URL that reaches only private addresses is refused. The first "
                + "set makes the signing secret, shown once.");
        group.MapGet("/", Get).Describe("getWebhook", "Get the webhook", "Its URL, events and format; the secret is never shown again.")
            .Answers(ProblemTypes.WebhookNotConfigured);
        group.MapDelete("/", Delete).Describe("deleteWebhook", "Delete the webhook", "No more events are posted.")
            .Answers(ProblemTypes.WebhookNotConfigured);
        group.MapPost("/secret", RotateSecret)
            .Describe("rotateWebhookSecret", "Rotate the signing secret", "A new secret, shown once; deliveries are signed with it from now on.")
            .Answers(ProblemTypes.WebhookNotConfigured);
        group.MapGet("/deliveries", Deliveries)
            .Describe("listWebhookDeliveries", "List deliveries", "Recent deliveries with their attempts, last answer and next try; `limit` 1 to 100.");
        group.MapPost("/test", SendTest)
            .Describe("sendWebhookTest", "Send a test event", "Posts a signed test event to the webhook now, at most 5 a minute.")
            .Answers(ProblemTypes.WebhookNotConfigured, ProblemTypes.WebhookTestTooSoon);
        return group;
    }

    private static async Task<Results<Ok<WebhookView>, ApiProblem>> Set(
        SetWebhookRequest request, ClaimsPrincipal user, TenantWebhooks webhooks, CancellationToken cancellationToken) =>
        Answer(await webhooks.SetAsync(user.TenantId(), request, cancellationToken));

    private static async Task<Results<Ok<WebhookView>, ApiProblem>> Get(ClaimsPrincipal user, TenantWebhooks webhooks, CancellationToken cancellationToken) =>
        await webhooks.GetAsync(user.TenantId(), cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : ProblemTypes.WebhookNotConfigured.With("Your tenant has no webhook.").ToResult();

    private static async Task<Results<NoContent, ApiProblem>> Delete(ClaimsPrincipal user, TenantWebhooks webhooks, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(user.TenantId(), cancellationToken) is { } error ? error.ToResult() : TypedResults.NoContent();

    /// <summary>A new secret at once; the old one stops signing with the next delivery.</summary>
    private static async Task<Results<Ok<WebhookView>, ApiProblem>> RotateSecret(ClaimsPrincipal user, TenantWebhooks webhooks, CancellationToken cancellationToken) =>
        Answer(await webhooks.RotateSecretAsync(user.TenantId(), cancellationToken));

    /// <summary>The newest deliveries, <c>limit</c> of them (1–100; 100 when not given), as every list takes it.</summary>
    private static async Task<Results<Ok<List<DeliveryView>>, ApiProblem>> Deliveries(
        int? limit, ClaimsPrincipal user, TenantWebhooks webhooks, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > TenantWebhooks.MaxDeliveries)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {TenantWebhooks.MaxDeliveries}.").ToResult();
        }
        return TypedResults.Ok(await webhooks.DeliveriesAsync(user.TenantId(), limit ?? TenantWebhooks.MaxDeliveries, cancellationToken));
    }

    /// <summary>A <c>webhook.test</c> event through the outbox, signed like any other: 202 with its delivery, at most 5 a minute.</summary>
    private static async Task<Results<Accepted<DeliveryView>, ApiProblem>> SendTest(
        ClaimsPrincipal user, TenantWebhooks webhooks, AuditTrail audit, CancellationToken cancellationToken)
    {
        var sent = await webhooks.SendTestAsync(user.TenantId(), audit.CurrentActor, cancellationToken);
        return sent.Error is { } error ? error.ToResult() : TypedResults.Accepted((string?)null, sent.Value!);
    }

    private static Results<Ok<WebhookView>, ApiProblem> Answer(Outcome<WebhookView> outcome) =>
        outcome.Error is { } error ? error.ToResult() : TypedResults.Ok(outcome.Value!);
}
