using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.WebConsole.Pages.Audit;

/// <summary>
/// The audit trail for an auditor: search by target, actor, action prefix and time, newest or oldest first, a page at
/// a time; verify the hash chain (and where it breaks); export what matches as the API's NDJSON.
/// </summary>
public sealed class AuditIndexModel(AppDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IStringLocalizer<ConsoleText> text) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    /// <summary>UTC, as the form's datetime-local field sends it.</summary>
    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    /// <summary>"oldest" for oldest first; newest first otherwise.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Order { get; set; }

    /// <summary>The sequence number the page continues from (exclusive).</summary>
    [BindProperty(SupportsGet = true)]
    public long? FromSequence { get; set; }

    public bool OldestFirst => Order == "oldest";

    public List<AuditRecordView> Records { get; private set; } = [];

    public long? Next { get; private set; }

    public ChainVerification? Verification { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await SearchAsync(cancellationToken);

    /// <summary>Recomputes the whole chain (a read: nothing changes), then shows the search as it was.</summary>
    public async Task OnGetVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = await AuditSearch.VerifyAsync(db, cancellationToken);
        await SearchAsync(cancellationToken);
    }

    /// <summary>What matches the filter (every page), oldest first, one JSON record a line, as <c>/v1/audit/export</c> writes it.</summary>
    public IActionResult OnGetExport()
    {
        var filter = Filter(null, null);
        if (AuditSearch.Check(filter) is not null)
        {
            return BadRequest();
        }
        return new ResultAsAction(AuditSearch.Export(db, filter, json.Value.SerializerOptions, "audit.ndjson"));
    }

    /// <summary>The query-string link of this search, another handler, page or order.</summary>
    public string Link(string? handler = null, long? fromSequence = null, string? order = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["target"] = Target,
            ["actor"] = Actor,
            ["action"] = Action,
            ["from"] = From?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["order"] = order ?? Order,
            ["fromSequence"] = fromSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["handler"] = handler,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/console/audit", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
    private async Task SearchAsync(CancellationToken cancellationToken)
    {
        var filter = OldestFirst ? Filter(FromSequence, null) : Filter(null, FromSequence);
        if (AuditSearch.Check(filter) is not null)
        {
            Message = text["A target or actor is at most {0} characters, an action {1}.", AuditSearch.MaxTargetLength, AuditSearch.MaxActionLength];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var page = await AuditSearch.Matching(db, filter, newestFirst: !OldestFirst).Take(PageSize + 1).ToListAsync(cancellationToken);
        if (page.Count > PageSize)
        {
            page.RemoveAt(PageSize);
            Next = page[^1].Sequence;
        }
        Records = page.ConvertAll(AuditRecordView.From);
    }

    /// <summary>The filter as the form gives it: blanks mean any, times are UTC.</summary>
    private AuditFilter Filter(long? after, long? before) => new(Blank(Target), Blank(Actor), Blank(Action),
        From is { } from ? DateTime.SpecifyKind(from, DateTimeKind.Utc) : null, To is { } to ? DateTime.SpecifyKind(to, DateTimeKind.Utc) : null,
        after, before);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A minimal-API result (the streamed export) returned from a page handler.</summary>
    private sealed class ResultAsAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }

}
