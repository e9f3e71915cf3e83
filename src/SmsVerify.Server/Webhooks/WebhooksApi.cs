using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Webhooks;

/// <summary><c>format</c>: <c>smsverify</c> (the default), <c>alibaba</c> or <c>tencent</c> (<see cref="WebhookFormat"/>).</summary>
public sealed record SetWebhookRequest(string? Url, List<string>? Events, string? Format = null);

/// <summary>The configuration as shown; <c>secret</c> only in the answer that created or rotated it.</summary>
public sealed record WebhookView(string Url, List<string> Events, string Format, DateTime UpdatedAt, string? Secret = null);

public sealed record DeliveryView(Guid Id, string Event, DeliveryStatus Status, int Attempts, DateTime CreatedAt, DateTime? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTime? DeliveredAt);

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
        group.MapPut("/", Set);
        group.MapGet("/", Get);
        group.MapDelete("/", Delete);
        group.MapPost("/secret", RotateSecret);
        group.MapGet("/deliveries", Deliveries);
        return group;
    }

    private static async Task<Results<Ok<WebhookView>, ApiProblem>> Set(
        SetWebhookRequest request, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, PersonalData sealing, IOptions<WebhookOptions> options,
        WebhookOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Validate(request, options.Value) is { } invalid)
        {
            return invalid.ToResult();
        }
        var tenantId = user.TenantId();
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.TenantId == tenantId, cancellationToken);
        string? secret = null;
        if (endpoint is null)
        {
            secret = WebhookSigner.NewSecret();
            endpoint = new WebhookEndpoint { TenantId = tenantId, Url = request.Url!, SecretSealed = sealing.Seal(tenantId, secret) };
            db.WebhookEndpoints.Add(endpoint);
        }
        endpoint.Url = request.Url!;
        endpoint.Format = FormatOf(request);
        // A vendor's receiver knows only its status reports and replies: "all events" means those two.
        endpoint.Events = request.Events?.Distinct().ToList() ?? [];
        if (endpoint.Format != WebhookFormat.SmsVerify && endpoint.Events.Count == 0)
        {
            endpoint.Events = [.. WebhookFormats.VendorEvents];
        }
        endpoint.UpdatedAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("webhook.set", $"webhook:{tenantId}", tenantId, endpoint.Url), cancellationToken);
        outbox.Forget(tenantId);
        return TypedResults.Ok(View(endpoint, secret));
    }

    private static async Task<Results<Ok<WebhookView>, ApiProblem>> Get(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        return await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.TenantId == tenantId, cancellationToken) is { } endpoint
            ? TypedResults.Ok(View(endpoint, null))
            : NotConfigured();
    }

    private static async Task<Results<NoContent, ApiProblem>> Delete(
        ClaimsPrincipal user, AppDbContext db, AuditTrail audit, WebhookOutbox outbox, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.WebhookEndpoints.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
            return (count, count == 1 ? new AuditEntry("webhook.deleted", $"webhook:{tenantId}", tenantId) : null);
        }, cancellationToken);
        outbox.Forget(tenantId);
        return deleted == 1 ? TypedResults.NoContent() : NotConfigured();
    }

    /// <summary>A new secret at once; the old one stops signing with the next delivery.</summary>
    private static async Task<Results<Ok<WebhookView>, ApiProblem>> RotateSecret(
        ClaimsPrincipal user, AppDbContext db, AuditTrail audit, PersonalData sealing, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.TenantId == tenantId, cancellationToken);
        if (endpoint is null)
        {
            return NotConfigured();
        }
        var secret = WebhookSigner.NewSecret();
        endpoint.SecretSealed = sealing.Seal(tenantId, secret);
        endpoint.UpdatedAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("webhook.secret_rotated", $"webhook:{tenantId}", tenantId), cancellationToken);
        return TypedResults.Ok(View(endpoint, secret));
    }

    private static async Task<Ok<List<DeliveryView>>> Deliveries(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.TenantId == tenantId)
            .OrderByDescending(d => d.CreatedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.ConvertAll(d => new DeliveryView(d.Id, d.Event, d.Status, d.Attempts, d.CreatedAt,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastStatusCode, d.LastError, d.DeliveredAt)));
    }

    private static ApiError? Validate(SetWebhookRequest request, WebhookOptions options)
    {
        if (string.IsNullOrWhiteSpace(request.Url) || request.Url.Length > MaxUrlLength || !Uri.TryCreate(request.Url, UriKind.Absolute, out var uri))
        {
            return ProblemTypes.Invalid("url", $"url must be an absolute URL of at most {MaxUrlLength} characters.");
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            return ProblemTypes.Invalid("url", options.AllowHttp ? "url must use http or https." : "url must use https.");
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return ProblemTypes.Invalid("url", "url must not carry credentials; verify deliveries by their signature instead.");
        }
        if (request.Events?.FirstOrDefault(e => !Events.Contains(e)) is { } unknown)
        {
            return ProblemTypes.Invalid("events", $"Unknown event '{Echo.Truncate(unknown)}'; the events are {string.Join(", ", Events)}.");
        }
        if (request.Format is { } format && !EnumInput.TryParse<WebhookFormat>(format, out _))
        {
            return ProblemTypes.Invalid("format", $"Unknown format '{Echo.Truncate(format)}'; the formats are smsverify, alibaba and tencent.");
        }
        if (FormatOf(request) != WebhookFormat.SmsVerify && request.Events?.FirstOrDefault(e => !WebhookFormats.VendorEvents.Contains(e)) is { } unshaped)
        {
            return ProblemTypes.Invalid("events",
                $"A vendor's callbacks have no shape for '{unshaped}'; a {request.Format} webhook takes {string.Join(" and ", WebhookFormats.VendorEvents)}.");
        }
        return null;
    }

    private static WebhookFormat FormatOf(SetWebhookRequest request) =>
        EnumInput.TryParse<WebhookFormat>(request.Format, out var format) ? format : WebhookFormat.SmsVerify;

    private static WebhookView View(WebhookEndpoint e, string? secret) => new(e.Url, e.Events, e.Format.ToString().ToLowerInvariant(), e.UpdatedAt, secret);

    private static ApiProblem NotConfigured() => ProblemTypes.WebhookNotConfigured.With("Your tenant has no webhook.").ToResult();
}
