using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.WebConsole.Pages.Review;

/// <summary>
/// One submission as an auditor decides it: its fields as the API shows them, the rules' findings marked in the
/// content, its documents inline (decrypted for this viewer only, each read audited), and approve or reject with a
/// reason the tenant reads.
/// </summary>
public sealed class ReviewItemModel(IEnumerable<IReviewKind> kinds, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock,
    IStringLocalizer<ConsoleText> text, AppDbContext db, HtmlEncoder encoder) : PageModel
{
    // What every version has of its own: not a change the auditor needs to see.
    private static readonly HashSet<string> Bookkeeping = ["id", "version", "status", "submittedAt", "decidedAt", "decidedBy", "decisionNote", "replaces", "findings"];

    /// <summary>One field that differs from the last rejected version: its name, then and now.</summary>
    public sealed record Change(string Field, string Before, string After);
    /// <summary>Reasons auditors give most, offered in a list (in the viewer's language, which the tenant then reads).</summary>
    public static readonly string[] CommonReasons =
    [
        "The business licence is not legible or not complete.",
        "The name does not match the qualification's subject.",
        "The landing application cannot be opened or does not match.",
        "The content is marketing, which this template type may not carry.",
        "The scenario does not match the content.",
        "Documents are missing or expired.",
    ];

    public ReviewItem? Item { get; private set; }

    public JsonElement Submission { get; private set; }

    public List<Finding> Findings { get; private set; } = [];

    public string StatusName => EnumInput.ApiName(Item!.Status);

    public DateTime Now { get; } = clock.GetUtcNow().UtcDateTime;

    public string? Message { get; private set; }

    /// <summary>The submissions this one follows, newest first, with their decisions.</summary>
    public List<ReviewItem> Earlier { get; private set; } = [];

    /// <summary>What changed since the last rejection, field by field (empty when none was rejected).</summary>
    public List<Change> SinceRejection { get; private set; } = [];

    public ReviewItem? LastRejected => Earlier.FirstOrDefault(e => e.Status == ReviewStatus.Rejected);

    /// <summary>The item's audit trail: submission, document reads, decisions, oldest first.</summary>
    public List<AuditRecord> Trail { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>A document, decrypted for a signed-in auditor only (this page's folder policy) and audited by the kind.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        if (await ReviewApi.OwnerAsync(id, kinds, cancellationToken) is not { } kind
            || (await kind.ReadDocumentAsync(id, field, cancellationToken)).Result is not FileContentHttpResult file)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "no-store";
        return File(file.FileContents.ToArray(), file.ContentType ?? "application/octet-stream");
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, string? note, string? verifiedName, CancellationToken cancellationToken)
    {
        if (await ReviewApi.OwnerAsync(id, kinds, cancellationToken) is not { } kind)
        {
            return NotFound();
        }
        var outcome = await kind.ApproveAsync(id, new ApproveRequest(Bounded(note), Bounded(verifiedName)), cancellationToken);
        return await DecidedAsync(id, outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reasonPick, string? reason, CancellationToken cancellationToken)
    {
        if (await ReviewApi.OwnerAsync(id, kinds, cancellationToken) is not { } kind)
        {
            return NotFound();
        }
        var said = Bounded(string.IsNullOrWhiteSpace(reason) ? reasonPick : reason);
        if (said is null)
        {
            await LoadAsync(id, cancellationToken);
            Message = text["A rejection needs a reason: the tenant reads it."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await DecidedAsync(id, await kind.RejectAsync(id, said, cancellationToken), cancellationToken);
    }

    /// <summary>The content with each finding's span in a &lt;mark&gt; titled with the finding, as one run of HTML (no stray spaces).</summary>
    public IHtmlContent MarkedContent(string content)
    {
        var html = new StringBuilder();
        foreach (var (piece, finding) in ContentPieces(content))
        {
            html.Append(finding is null
                ? encoder.Encode(piece)
                : $"<mark title=\"{encoder.Encode(finding)}\">{encoder.Encode(piece)}</mark>");
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>The content cut into pieces, each with the message of the finding that marks it (null for plain text).</summary>
    private IEnumerable<(string Text, string? Finding)> ContentPieces(string content)
    {
        var spans = Findings.Where(f => f.Span is { } s && s.Start >= 0 && s.Start + s.Length <= content.Length && s.Length > 0)
            .OrderBy(f => f.Span!.Value.Start).ToList();
        var at = 0;
        foreach (var f in spans)
        {
            var (start, length) = (f.Span!.Value.Start, f.Span.Value.Length);
            if (start < at)
            {
                continue;
            }
            if (start > at)
            {
                yield return (content[at..start], null);
            }
            yield return (content.Substring(start, length), $"{f.Code}: {f.Message}");
            at = start + length;
        }
        if (at < content.Length)
        {
            yield return (content[at..], null);
        }
    }

    private async Task<IActionResult> DecidedAsync(Guid id, Infrastructure.Problems.Outcome<ReviewItem> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Error is { } error)
        {
            await LoadAsync(id, cancellationToken);
            Message = error.Detail;
            Response.StatusCode = error.Type.Status;
            return Page();
        }
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ReviewApi.OwnerAsync(id, kinds, cancellationToken) is not { } kind || await kind.FindAsync(id, cancellationToken) is not { } item)
        {
            return false;
        }
        Item = item;
        Submission = JsonSerializer.SerializeToElement(item.Submission, item.Submission.GetType(), json.Value.SerializerOptions);
        if (Submission.ValueKind != JsonValueKind.Object)
        {
            Submission = JsonSerializer.SerializeToElement(new { value = Submission });
        }
        Findings = Submission.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array
            ? findings.Deserialize<List<Finding>>(json.Value.SerializerOptions) ?? []
            : [];
        Earlier = await kind.EarlierAsync(id, cancellationToken);
        if (LastRejected is { } rejected)
        {
            SinceRejection = Changes(JsonSerializer.SerializeToElement(rejected.Submission, rejected.Submission.GetType(), json.Value.SerializerOptions), Submission);
        }
        Trail = await AuditSearch.Matching(db, new AuditFilter(Target: $"{kind.Kind}:{id}")).Take(MaxTrail).ToListAsync(cancellationToken);
        return true;
    }

    private const int MaxTrail = 200;

    private static List<Change> Changes(JsonElement before, JsonElement after)
    {
        List<Change> changes = [];
        foreach (var property in after.EnumerateObject().Where(p => !Bookkeeping.Contains(p.Name)))
        {
            var then = before.TryGetProperty(property.Name, out var old) ? Comparable(property.Name, old) : "";
            var now = Comparable(property.Name, property.Value);
            if (then != now)
            {
                changes.Add(new Change(property.Name, then, now));
            }
        }
        return changes;
    }

    // A document is the same document when its bytes are: compare fields and hashes, not the stored copy's id.
    private static string Comparable(string name, JsonElement value) =>
        name == "documents" && value.ValueKind == JsonValueKind.Array
            ? string.Join(", ", value.EnumerateArray().Select(d => $"{Text(d, "field")} {Text(d, "sha256")}"))
            : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string? Bounded(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var trimmed && trimmed.Length > ReviewApi.MaxNoteLength ? trimmed[..ReviewApi.MaxNoteLength] : trimmed;
}
