using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Risk.Incidents;

namespace SmsVerify.Server.WebConsole.Pages.Risk;

/// <summary>
/// One incident as the risk team and the reporting centre (12321) read it: who sent, what was refused, what was done;
/// its report as CSV or JSON (the same files <c>/v1/risk/incidents/{id}/export</c> makes); close it with a note.
/// </summary>
public sealed class RiskIncidentModel(IncidentControl incidents, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock,
    IStringLocalizer<ConsoleText> text) : PageModel
{
    public IncidentView? Incident { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Incident = await incidents.FindAsync(id, cancellationToken);
        return Incident is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, string? format, CancellationToken cancellationToken)
    {
        if (await incidents.FindAsync(id, cancellationToken) is not { } incident)
        {
            return NotFound();
        }
        if (format == "csv")
        {
            return File(IncidentCsv.Write(incident), "text/csv; charset=utf-8", $"incident-{id}.csv");
        }
        var report = JsonSerializer.SerializeToUtf8Bytes(new IncidentExport(IncidentExport.ReportName, clock.UtcNowForStorage(), incident), json.Value.SerializerOptions);
        return File(report, "application/json; charset=utf-8", $"incident-{id}.json");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, string? note, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return await RefusedAsync(id, text["Closing an incident needs a note: what was done about it."], StatusCodes.Status400BadRequest, cancellationToken);
        }
        var closed = await incidents.CloseAsync(id, note, cancellationToken);
        if (closed.Error is { } error)
        {
            return await RefusedAsync(id, error.Detail, error.Type.Status, cancellationToken);
        }
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> RefusedAsync(Guid id, string message, int status, CancellationToken cancellationToken)
    {
        Incident = await incidents.FindAsync(id, cancellationToken);
        if (Incident is null)
        {
            return NotFound();
        }
        Message = message;
        Response.StatusCode = status;
        return Page();
    }
}
