using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Risk.Incidents;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>A breaker with why it opened: the first action of its incident (the violations counted, or the officer's reason).</summary>
public sealed record BreakerListing(BreakerView Breaker, string? Why);

/// <summary>
/// What risk officers do with breakers, for the JSON API and the console alike: list them, trip one by hand, reset
/// an open one. Every change is audited under the caller's name and takes effect on this node's board at once.
/// </summary>
public sealed class BreakerControl(AppDbContext db, AuditTrail audit, BreakerBoard board, WebhookOutbox webhooks, TimeProvider clock)
{
    public const int MaxPage = 200;
    public const string TrippedByHand = "risk.breaker_tripped_by_hand";

    public async Task<Outcome<List<BreakerListing>>> ListAsync(Guid? tenantId, string? status, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.");
        }
        var query = db.Set<Breaker>().AsNoTracking();
        if (status is not null)
        {
            if (!EnumInput.TryParse<BreakerStatus>(status, out var wanted))
            {
                return ProblemTypes.Invalid("status", "status must be open or reset.");
            }
            query = query.Where(b => b.Status == wanted);
        }
        if (tenantId is { } tenant)
        {
            query = query.Where(b => b.TenantId == tenant);
        }
        var page = await query.OrderByDescending(b => b.Id).Take(limit ?? 50).ToListAsync(cancellationToken);
        var incidentIds = page.Select(b => b.IncidentId).ToList();
        var actions = await db.Set<Incident>().AsNoTracking().Where(i => incidentIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Actions }).ToDictionaryAsync(i => i.Id, i => i.Actions, cancellationToken);
        return page.ConvertAll(b => new BreakerListing(BreakerView.From(b), actions.GetValueOrDefault(b.IncidentId)?.FirstOrDefault()?.Reason));
    }

    /// <summary>
    /// Opens a breaker over a tenant, one of its signatures or one of its templates, as a content-violation trip
    /// does (an incident, the <c>risk.breaker_opened</c> webhook), with the officer's reason on the incident.
    /// </summary>
    public async Task<Outcome<BreakerView>> TripAsync(Guid tenantId, string? scope, string? target, string? reason, CancellationToken cancellationToken)
    {
        if (!EnumInput.TryParse<BreakerScope>(scope, out var breakerScope))
        {
            return ProblemTypes.Invalid("scope", "scope must be tenant, signature or template.");
        }
        var key = breakerScope == BreakerScope.Tenant ? "" : target?.Trim() ?? "";
        if (breakerScope != BreakerScope.Tenant && key.Length is 0 or > SendParameters.MaxNameLength)
        {
            return ProblemTypes.Invalid("target", $"target is the signature name or template code to stop (1 to {SendParameters.MaxNameLength} characters).");
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > Breaker.MaxReasonLength)
        {
            return ProblemTypes.Invalid("reason", $"reason is required (1 to {Breaker.MaxReasonLength} characters): why sending stops.");
        }
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return ProblemTypes.TenantNotFound.With($"No tenant has id {tenantId}.");
        }
        if (await OpenAsync(tenantId, breakerScope, key, cancellationToken) is { } open)
        {
            return AlreadyOpen(open);
        }
        var now = clock.UtcNowForStorage();
        var actor = audit.CurrentActor;
        var incident = await IncidentReport.OpenByHandAsync(db, tenantId, breakerScope, key, actor, reason, now);
        var breaker = new Breaker
        {
            Id = incident.BreakerId!.Value,
            TenantId = tenantId,
            Scope = breakerScope,
            Key = key,
            Status = BreakerStatus.Open,
            OpenKey = Breaker.OpenKeyOf(breakerScope, key),
            OpenedAt = now,
            IncidentId = incident.Id,
        };
        try
        {
            await audit.RunAsync(db, async () =>
            {
                db.Add(breaker);
                db.Add(incident);
                await webhooks.EnqueueAsync(db, tenantId, BreakerTrips.OpenedEvent, BreakerView.From(breaker), cancellationToken);
                return (true, (AuditEntry?)new AuditEntry(TrippedByHand, $"breaker:{breaker.Id}", tenantId,
                    $"scope={breakerScope.ToString().ToLowerInvariant()} key={key} incident={incident.Id} reason={reason}"));
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another officer (or the violations) opened the same breaker a moment ago.
            db.ChangeTracker.Clear();
            return await OpenAsync(tenantId, breakerScope, key, cancellationToken) is { } other
                ? AlreadyOpen(other) : ProblemTypes.BreakerAlreadyOpen.With("The breaker was opened at the same moment; list the breakers to see it.");
        }
        board.Opened(new OpenBreaker(breaker.Id, tenantId, breakerScope, key, now));
        webhooks.Wake();
        return BreakerView.From(breaker);
    }

    /// <summary>Resets an open breaker with the officer's reason and closes its incident; sending resumes at once on this node.</summary>
    public async Task<Outcome<BreakerView>> ResetAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > Breaker.MaxReasonLength)
        {
            return ProblemTypes.Invalid("reason", $"reason is required (1 to {Breaker.MaxReasonLength} characters): why sending may resume.");
        }
        var breaker = await db.Set<Breaker>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (breaker is null)
        {
            return ProblemTypes.BreakerNotFound.With($"No breaker has id {id}.");
        }
        var now = clock.UtcNowForStorage();
        var actor = audit.CurrentActor;
        var reset = await audit.RunAsync(db, async () =>
        {
            // Conditional, so two officers resetting at once record one reset.
            var count = await db.Set<Breaker>().Where(b => b.Id == id && b.Status == BreakerStatus.Open).ExecuteUpdateAsync(set => set
                .SetProperty(b => b.Status, BreakerStatus.Reset)
                .SetProperty(b => b.OpenKey, (string?)null)
                .SetProperty(b => b.ResetAt, now)
                .SetProperty(b => b.ResetBy, actor)
                .SetProperty(b => b.ResetReason, reason), cancellationToken);
            if (count != 1)
            {
                return (false, (AuditEntry?)null);
            }
            if (await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == breaker.IncidentId, cancellationToken) is { } incident)
            {
                incident.Status = IncidentStatus.Closed;
                incident.ClosedAt ??= now;
                incident.Actions = [.. incident.Actions, new IncidentAction(now, "breaker_reset", actor, reason)];
            }
            return (true, new AuditEntry("risk.breaker_reset", $"breaker:{id}", breaker.TenantId, reason));
        }, cancellationToken);
        if (!reset)
        {
            return ProblemTypes.BreakerNotOpen.With($"Breaker {id} was already reset.");
        }
        board.Closed(id);
        await db.Entry(breaker).ReloadAsync(cancellationToken);
        return BreakerView.From(breaker);
    }

    private Task<Breaker?> OpenAsync(Guid tenantId, BreakerScope scope, string key, CancellationToken cancellationToken)
    {
        var openKey = Breaker.OpenKeyOf(scope, key);
        return db.Set<Breaker>().AsNoTracking().FirstOrDefaultAsync(b => b.TenantId == tenantId && b.OpenKey == openKey, cancellationToken);
    }

    private static ApiError AlreadyOpen(Breaker open) =>
        ProblemTypes.BreakerAlreadyOpen.With($"Breaker {open.Id} is open over this {open.Scope.ToString().ToLowerInvariant()} since {open.OpenedAt:O}.") with
        {
            Extensions = new Dictionary<string, object?> { ["breakerId"] = open.Id },
        };
}
