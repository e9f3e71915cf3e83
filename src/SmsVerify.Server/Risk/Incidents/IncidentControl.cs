using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Risk.Incidents;

/// <summary>Incidents for risk officers, for the JSON API and the console alike: list, read, close with a note (audited).</summary>
public sealed class IncidentControl(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const int MaxPage = 200;
    public const int MaxNoteLength = 500;

    /// <summary>Newest first; <paramref name="before"/> (an incident id) pages back.</summary>
    public async Task<Outcome<List<IncidentView>>> ListAsync(Guid? tenantId, string? status, Guid? before, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.");
        }
        var query = db.Set<Incident>().AsNoTracking();
        if (status is not null)
        {
            if (!EnumInput.TryParse<IncidentStatus>(status, out var wanted))
            {
                return ProblemTypes.Invalid("status", "status must be open or closed.");
            }
            query = query.Where(i => i.Status == wanted);
        }
        if (tenantId is { } tenant)
        {
            query = query.Where(i => i.TenantId == tenant);
        }
        if (before is { } cursor)
        {
            query = query.Where(i => i.Id.CompareTo(cursor) < 0);
        }
        var page = await query.OrderByDescending(i => i.Id).Take(limit ?? 50).ToListAsync(cancellationToken);
        return page.ConvertAll(IncidentView.From);
    }

    public async Task<IncidentView?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is { } incident ? IncidentView.From(incident) : null;

    /// <summary>
    /// Closes an open incident with the officer's note: the report is settled. It does not reset a breaker or lift a
    /// block; those close their incident themselves.
    /// </summary>
    public async Task<Outcome<IncidentView>> CloseAsync(Guid id, string? note, CancellationToken cancellationToken)
    {
        note = note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxNoteLength)
        {
            return ProblemTypes.Invalid("note", $"note is required (1 to {MaxNoteLength} characters): what was done about the incident.");
        }
        if (!await db.Set<Incident>().AnyAsync(i => i.Id == id, cancellationToken))
        {
            return NotFound(id);
        }
        var now = clock.UtcNowForStorage();
        var actor = audit.CurrentActor;
        var closed = await audit.RunAsync(db, async () =>
        {
            // Conditional, so two officers closing at once record one close.
            var incident = await db.Set<Incident>().FirstAsync(i => i.Id == id, cancellationToken);
            if (await db.Set<Incident>().Where(i => i.Id == id && i.Status == IncidentStatus.Open).ExecuteUpdateAsync(set => set
                .SetProperty(i => i.Status, IncidentStatus.Closed).SetProperty(i => i.ClosedAt, now), cancellationToken) != 1)
            {
                return (false, (AuditEntry?)null);
            }
            incident.Actions = [.. incident.Actions, new IncidentAction(now, "closed", actor, note)];
            return (true, new AuditEntry("risk.incident_closed", $"incident:{id}", incident.TenantId, note));
        }, cancellationToken);
        if (!closed)
        {
            return ProblemTypes.IncidentNotOpen.With($"Incident {id} is closed already.");
        }
        return (await FindAsync(id, cancellationToken))!;
    }

    public static ApiError NotFound(Guid id) => ProblemTypes.IncidentNotFound.With($"No incident has id {id}.");
}
