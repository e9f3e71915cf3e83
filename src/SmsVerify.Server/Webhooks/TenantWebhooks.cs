using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// A tenant's webhook: set, read, removed, its secret rotated, its deliveries listed, and a test event sent (each change
/// audited). <c>/v1/webhooks</c> and the console both call it, so both refuse the same input with the same problems.
/// </summary>
public sealed partial class TenantWebhooks(
    AppDbContext db, AuditTrail audit, PersonalData sealing, WebhookOutbox outbox, ILimitStore limits, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const int MaxDeliveries = 100;

    /// <summary>Every tenant's signing secret, bound to the tenant, for a master key rotation.</summary>
    public static readonly SealedColumn SealedSecrets = new("webhook secrets", keys => keys.PersonalData,
        db => db.WebhookEndpoints.OrderBy(e => e.TenantId).Select(e => new SealedRow(e.TenantId, e.SecretSealed, e.TenantId)),
        (db, row, resealed, _, _) => db.WebhookEndpoints.Where(e => e.TenantId == row.Id && e.SecretSealed == row.Sealed)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SecretSealed, resealed)));

    public async Task<Outcome<WebhookView>> SetAsync(Guid tenantId, SetWebhookRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request, options.Value) is { } invalid)
        {
            return invalid;
        }
        if (!options.Value.AllowPrivateNetworks && await OutboundAddressGuard.RefusalAsync(new Uri(request.Url!), cancellationToken) is { } unreachable)
        {
            return ProblemTypes.Invalid("url", unreachable);
        }
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
        return View(endpoint, secret);
    }

    /// <summary>The webhook as shown (never its secret), or null when the tenant has none.</summary>
    public async Task<WebhookView?> GetAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.TenantId == tenantId, cancellationToken) is { } endpoint
            ? View(endpoint, null)
            : null;

    public async Task<ApiError?> DeleteAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.WebhookEndpoints.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
            return (count, count == 1 ? new AuditEntry("webhook.deleted", $"webhook:{tenantId}", tenantId) : null);
        }, cancellationToken);
        outbox.Forget(tenantId);
        return deleted == 1 ? null : NotConfigured();
    }

    /// <summary>A new secret at once, in this answer only; the old one stops signing with the next delivery.</summary>
    public async Task<Outcome<WebhookView>> RotateSecretAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.TenantId == tenantId, cancellationToken);
        if (endpoint is null)
        {
            return NotConfigured();
        }
        var secret = WebhookSigner.NewSecret();
        endpoint.SecretSealed = sealing.Seal(tenantId, secret);
        endpoint.UpdatedAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("webhook.secret_rotated", $"webhook:{tenantId}", tenantId), cancellationToken);
        return View(endpoint, secret);
    }

    /// <summary>The newest <paramref name="limit"/> deliveries (1 to <see cref="MaxDeliveries"/>).</summary>
    public async Task<List<DeliveryView>> DeliveriesAsync(Guid tenantId, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.TenantId == tenantId)
            .OrderByDescending(d => d.CreatedAt).Take(Math.Clamp(limit, 1, MaxDeliveries)).ToListAsync(cancellationToken);
        return rows.ConvertAll(DeliveryView.From);
    }

    /// <summary>One delivery of the tenant as stored, with the body it posts; null for an id of no delivery of its own.</summary>
    public Task<WebhookDelivery?> DeliveryAsync(Guid tenantId, Guid id, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.TenantId == tenantId, cancellationToken);

    private static ApiError? Validate(SetWebhookRequest request, WebhookOptions options)
    {
        if (string.IsNullOrWhiteSpace(request.Url) || request.Url.Length > WebhooksApi.MaxUrlLength || !Uri.TryCreate(request.Url, UriKind.Absolute, out var uri))
        {
            return ProblemTypes.Invalid("url", $"url must be an absolute URL of at most {WebhooksApi.MaxUrlLength} characters.");
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            return ProblemTypes.Invalid("url", options.AllowHttp ? "url must use http or https." : "url must use https.");
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return ProblemTypes.Invalid("url", "url must not carry credentials; verify deliveries by their signature instead.");
        }
        if (request.Events?.FirstOrDefault(e => !WebhooksApi.Events.Contains(e)) is { } unknown)
        {
            return ProblemTypes.Invalid("events", $"Unknown event '{Echo.Truncate(unknown)}'; the events are {string.Join(", ", WebhooksApi.Events)}.");
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

    private static ApiError NotConfigured() => ProblemTypes.WebhookNotConfigured.With("Your tenant has no webhook.");
}
