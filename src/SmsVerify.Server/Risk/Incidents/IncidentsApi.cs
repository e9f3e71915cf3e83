using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Risk.Incidents;

/// <summary>Incidents for risk officers: list, read, and export one as a report for the bad-SMS reporting centre.</summary>
public static class IncidentsApi
{
    public const int MaxPage = 200;

    public static void MapIncidents(this RouteGroupBuilder risk)
    {
        risk.MapGet("/incidents", List);
        risk.MapGet("/incidents/{id:guid}", Get);
        risk.MapGet("/incidents/{id:guid}/export", Export);
    }

    /// <summary>Newest first; <paramref name="before"/> (an incident id) pages back.</summary>
    private static async Task<Results<Ok<List<IncidentView>>, ApiProblem>> List(
        Guid? tenantId, string? status, Guid? before, int? limit, AppDbContext db, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.").ToResult();
        }
        var query = db.Set<Incident>().AsNoTracking();
        if (status is not null)
        {
            if (!EnumInput.TryParse<IncidentStatus>(status, out var wanted))
            {
                return ProblemTypes.Invalid("status", "status must be open or closed.").ToResult();
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
        return TypedResults.Ok(page.ConvertAll(IncidentView.From));
    }

    private static async Task<Results<Ok<IncidentView>, ApiProblem>> Get(Guid id, AppDbContext db, CancellationToken cancellationToken) =>
        await Find(db, id, cancellationToken) is { } incident ? TypedResults.Ok(incident) : NotFound(id);

    private static async Task<Results<Ok<IncidentExport>, FileContentHttpResult, ApiProblem>> Export(
        Guid id, string? format, AppDbContext db, TimeProvider clock, HttpResponse response, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            return ProblemTypes.Invalid("format", "format must be json or csv.").ToResult();
        }
        if (await Find(db, id, cancellationToken) is not { } incident)
        {
            return NotFound(id);
        }
        if (format == "csv")
        {
            return TypedResults.File(IncidentCsv.Write(incident), "text/csv; charset=utf-8", $"incident-{id}.csv");
        }
        // A download too, like the CSV: the report is filed as a file.
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"incident-{id}.json" }.ToString();
        return TypedResults.Ok(new IncidentExport(IncidentExport.ReportName, clock.UtcNowForStorage(), incident));
    }

    private static async Task<IncidentView?> Find(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is { } incident ? IncidentView.From(incident) : null;

    private static ApiProblem NotFound(Guid id) => ProblemTypes.IncidentNotFound.With($"No incident has id {id}.").ToResult();
}
