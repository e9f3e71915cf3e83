using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Risk.Incidents;

/// <summary>Incidents for risk officers: list, read, close with a note, and export one as a report for the bad-SMS reporting centre.</summary>
public static class IncidentsApi
{
    public static void MapIncidents(this RouteGroupBuilder risk)
    {
        risk.MapGet("/incidents", List)
            .Describe("listIncidents", "List risk incidents", "Bombing, pumping and content incidents the risk engine opened, newest first.");
        risk.MapGet("/incidents/{id:guid}", Get).Describe("getIncident", "Get a risk incident", "One incident with its evidence.")
            .Answers(ProblemTypes.IncidentNotFound);
        risk.MapGet("/incidents/{id:guid}/export", Export)
            .Describe("exportIncident", "Export a risk incident", "The incident and its evidence as JSON or CSV (`format`), for a report.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .Answers(ProblemTypes.IncidentNotFound);
        risk.MapPost("/incidents/{id:guid}/close", Close)
            .Example(new CloseIncidentRequest("Reported to the carrier; the block stays for 7 days."))
            .Describe("closeIncident", "Close a risk incident", "With the note of what was done.")
            .Answers(ProblemTypes.IncidentNotFound, ProblemTypes.IncidentNotOpen);
    }

    private static async Task<Results<Ok<List<IncidentView>>, ApiProblem>> List(
        Guid? tenantId, string? status, Guid? before, int? limit, IncidentControl incidents, CancellationToken cancellationToken)
    {
        var listed = await incidents.ListAsync(tenantId, status, before, limit, cancellationToken);
        return listed.Error is { } error ? error.ToResult() : TypedResults.Ok(listed.Value!);
    }

    private static async Task<Results<Ok<IncidentView>, ApiProblem>> Get(Guid id, IncidentControl incidents, CancellationToken cancellationToken) =>
        await incidents.FindAsync(id, cancellationToken) is { } incident ? TypedResults.Ok(incident) : IncidentControl.NotFound(id).ToResult();

    private static async Task<Results<Ok<IncidentView>, ApiProblem>> Close(
        Guid id, CloseIncidentRequest request, IncidentControl incidents, CancellationToken cancellationToken)
    {
        var closed = await incidents.CloseAsync(id, request.Note, cancellationToken);
        return closed.Error is { } error ? error.ToResult() : TypedResults.Ok(closed.Value!);
    }

    private static async Task<Results<Ok<IncidentExport>, FileContentHttpResult, ApiProblem>> Export(
        Guid id, string? format, IncidentControl incidents, TimeProvider clock, HttpResponse response, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            return ProblemTypes.Invalid("format", "format must be json or csv.").ToResult();
        }
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident)
        {
            return IncidentControl.NotFound(id).ToResult();
        }
        if (format == "csv")
        {
            return TypedResults.File(IncidentCsv.Write(incident), "text/csv; charset=utf-8", $"incident-{id}.csv");
        }
        // A download too, like the CSV: the report is filed as a file.
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"incident-{id}.json" }.ToString();
        return TypedResults.Ok(new IncidentExport(IncidentExport.ReportName, clock.UtcNowForStorage(), incident));
    }
}
