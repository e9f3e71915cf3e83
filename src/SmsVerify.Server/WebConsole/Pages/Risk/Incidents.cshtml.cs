using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.Risk.Incidents;

namespace SmsVerify.Server.WebConsole.Pages.Risk;

/// <summary>Incidents newest first, open ones or all; "older" pages back.</summary>
public sealed class RiskIncidentsModel(IncidentControl incidents) : PageModel
{
    public const int PageSize = 50;

    public List<IncidentView> Incidents { get; private set; } = [];

    public bool OpenOnly { get; private set; }

    public Guid? Older { get; private set; }

    public async Task OnGetAsync(string? status, Guid? before, CancellationToken cancellationToken)
    {
        OpenOnly = status != "all";
        var listed = await incidents.ListAsync(null, OpenOnly ? "open" : null, before, PageSize + 1, cancellationToken);
        Incidents = listed.Value!;
        if (Incidents.Count > PageSize)
        {
            Incidents.RemoveAt(PageSize);
            Older = Incidents[^1].Id;
        }
    }
}
