using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Risk.Incidents;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>
/// After each stored violation: counts the violations of its template, its signature and its tenant in the
/// window (since the scope's last reset, so a reset starts afresh) and opens every breaker whose threshold is
/// reached, each with its incident, audit record and webhook event in one transaction. Runs on the refusal path
/// only; the counts read the database, so violations on every node add up.
/// </summary>
public sealed class BreakerTrips(
    IServiceScopeFactory scopes, BreakerBoard board, WebhookOutbox webhooks, BreakerMetrics metrics, TimeProvider clock, IOptions<BreakerOptions> options)
{
    public const string Actor = "system:risk-breakers";
    public const string OpenedEvent = "risk.breaker_opened";

    // One evaluation at a time on this node, so a burst of violations opens a breaker once; across nodes the
    // unique open key does the same.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AfterViolationAsync(ContentViolation violation)
    {
        await _gate.WaitAsync();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            foreach (var (breakerScope, key) in new[]
            {
                (BreakerScope.Template, violation.Template), (BreakerScope.Signature, violation.Signature), (BreakerScope.Tenant, ""),
            })
            {
                // A free text that matched no template (SMPP) names none, and may name no signature: only what it names is judged.
                if (key.Length == 0 && breakerScope != BreakerScope.Tenant)
                {
                    continue;
                }
                if (!board.IsOpen(violation.TenantId, breakerScope, key))
                {
                    await TripIfDueAsync(db, audit, violation, breakerScope, key);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task TripIfDueAsync(AppDbContext db, AuditTrail audit, ContentViolation violation, BreakerScope scope, string key)
    {
        var tenantId = violation.TenantId;
        var since = clock.UtcNowForStorage().AddSeconds(-options.Value.WindowSeconds);
        var lastReset = await db.Set<Breaker>().Where(b => b.TenantId == tenantId && b.Scope == scope && b.Key == key && b.ResetAt != null)
            .MaxAsync(b => b.ResetAt);
        var counted = db.Set<ContentViolation>().AsNoTracking().Where(v => v.TenantId == tenantId && v.At >= since);
        if (lastReset is { } reset && reset >= since)
        {
            // What the officer reviewed is settled: only violations after the reset count again.
            counted = counted.Where(v => v.At > reset);
        }
        counted = scope switch
        {
            BreakerScope.Template => counted.Where(v => v.Template == key),
            BreakerScope.Signature => counted.Where(v => v.Signature == key),
            _ => counted,
        };
        var count = await counted.CountAsync();
        if (count < options.Value.Threshold(scope))
        {
            return;
        }
        var incident = await IncidentReport.OpenAsync(db, violation, scope, counted, count, options.Value.Samples, clock.UtcNowForStorage());
        var breaker = new Breaker
        {
            Id = incident.BreakerId!.Value,
            TenantId = tenantId,
            Scope = scope,
            Key = key,
            Status = BreakerStatus.Open,
            OpenKey = Breaker.OpenKeyOf(scope, key),
            Violations = count,
            OpenedAt = incident.OpenedAt,
            IncidentId = incident.Id,
        };
        try
        {
            await audit.RunAsync(db, async () =>
            {
                db.Add(breaker);
                db.Add(incident);
                await webhooks.EnqueueAsync(db, tenantId, OpenedEvent, BreakerView.From(breaker), CancellationToken.None);
                return (true, (AuditEntry?)new AuditEntry("risk.breaker_opened", $"breaker:{breaker.Id}", tenantId,
                    $"scope={scope.ToString().ToLowerInvariant()} key={key} violations={count} incident={incident.Id}", Actor));
            }, CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            // Another node opened this breaker a moment ago; the board learns it at its next reload.
            db.ChangeTracker.Clear();
            return;
        }
        board.Opened(new OpenBreaker(breaker.Id, tenantId, scope, key, breaker.OpenedAt));
        metrics.Opened(scope);
        webhooks.Wake();
    }
}
