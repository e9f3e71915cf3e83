using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.WebConsole.Pages.App.Messages;

/// <summary>
/// The tenant's message log (by number, status, template and time, newest first, a page at a time, and as CSV) and its
/// verifications, under a chart of the last day's conversion. Everything here reads, so every role sees all of it.
/// </summary>
public sealed class MessagesModel(MessageLog log, VerificationLog verificationLog, AppDbContext db, TimeProvider clock, IStringLocalizer<ConsoleText> text)
    : TenantPageModel
{
    public const int PageSize = 50;

    /// <summary>The most rows one CSV export holds; a narrower filter reaches further back.</summary>
    public const int MaxExport = 10_000;

    /// <summary>Without a start, the verifications of this long ago onwards are listed.</summary>
    public static readonly TimeSpan DefaultVerificationWindow = TimeSpan.FromDays(7);

    /// <summary><c>verifications</c> for the verifications; the messages otherwise.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Template { get; set; }

    /// <summary>From and until, in UTC as every time the console shows (a <c>datetime-local</c> field).</summary>
    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? Until { get; set; }

    /// <summary>The last row of the previous page (a message or verification id).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Before { get; set; }

    public bool ShowVerifications => Tab == "verifications";

    public List<MessageRecord> Messages { get; private set; } = [];

    public List<VerificationRow> Verifications { get; private set; } = [];

    /// <summary>Where the next page starts, when this one was full.</summary>
    public Guid? Older { get; private set; }

    public ConversionReport Conversion { get; private set; } = null!;

    /// <summary>The tenant's template codes and the built-in one, for the filter.</summary>
    public List<string> Templates { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Conversion = await verificationLog.ConversionAsync(TenantId, cancellationToken);
        Templates = [SandboxTemplate.TemplateCode, .. await db.Templates.AsNoTracking().Where(t => t.TenantId == TenantId)
            .OrderBy(t => t.Code).Select(t => t.Code).Take(200).ToListAsync(cancellationToken)];
        var filter = Filter();
        if (filter.Error is { } invalid)
        {
            Message = Explain(invalid);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (ShowVerifications)
        {
            var (from, until) = VerificationWindow();
            Verifications = await verificationLog.PageAsync(TenantId, filter.Value!.To, from, until, Before, PageSize, cancellationToken);
            Older = Verifications.Count == PageSize ? Verifications[^1].Id : null;
        }
        else
        {
            Messages = await log.PageAsync(TenantId, filter.Value!, Before, PageSize, cancellationToken);
            Older = Messages.Count == PageSize ? Messages[^1].Id : null;
        }
    }

    /// <summary>The filtered log as CSV, newest first, at most <see cref="MaxExport"/> rows, written as they are read.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var filter = Filter();
        if (filter.Error is { } invalid)
        {
            return BadRequest(Explain(invalid));
        }
        var now = clock.UtcNowForStorage();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"messages-{now:yyyyMMdd-HHmmss}.csv\"";
        // With a byte order mark, so that spreadsheets read the Chinese texts as UTF-8.
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
        await writer.WriteAsync(CsvText.Line("id", "created_at_utc", "to", "signature", "template", "status", "error_code", "segments", "cost_yuan",
            "channel", "verification_id", "submitted_at_utc", "done_at_utc", "text"));
        await foreach (var m in log.ExportAsync(TenantId, filter.Value!, MaxExport).WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(CsvText.Line(m.Id.ToString(), Time(m.CreatedAt), m.To, m.Signature, m.Template, EnumInput.ApiName(m.Status), m.ErrorCode,
                m.Segments.ToString(CultureInfo.InvariantCulture), Money.ToYuan(m.Cost).ToString(CultureInfo.InvariantCulture), m.Channel,
                m.VerificationId?.ToString(), Time(m.SubmittedAt), Time(m.DoneAt), m.MaskedText));
        }
        return new EmptyResult();
    }

    /// <summary>The query string of this view with some values changed (a null value drops the parameter).</summary>
    public string Link(params (string Name, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["tab"] = Tab,
            ["to"] = To,
            ["status"] = Status,
            ["template"] = Template,
            ["from"] = Local(From),
            ["until"] = Local(Until),
            ["before"] = Before?.ToString(),
        };
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return query.Length == 0 ? "/app/messages" : "/app/messages?" + query;
    }

    /// <summary>A time as a <c>datetime-local</c> field holds it.</summary>
    public static string? Local(DateTime? time) => time?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>A message's or verification's status as the API writes it (<c>delivered</c>, <c>max_attempts_reached</c>).</summary>

    public static string VerificationStatusName(VerificationStatus status) => status switch
    {
        VerificationStatus.Pending => "Pending",
        VerificationStatus.Approved => "Approved",
        VerificationStatus.Expired => "Expired",
        VerificationStatus.Canceled => "Canceled",
        _ => "Too many wrong codes",
    };

    /// <summary>
    /// The verifications' window: from the start asked for, else the last week, and never longer than
    /// <see cref="VerificationLog.MaxWindow"/>, since each page reads all of the window's codes.
    /// </summary>
    public (DateTime From, DateTime? Until) VerificationWindow()
    {
        var end = Utc(Until) ?? clock.UtcNowForStorage();
        var from = Utc(From) ?? end - DefaultVerificationWindow;
        return (from < end - VerificationLog.MaxWindow ? end - VerificationLog.MaxWindow : from, Utc(Until));
    }

    private Outcome<MessageFilter> Filter() => MessageFilter.Parse(To, Status, Template, Utc(From), Utc(Until));

    private static DateTime? Utc(DateTime? time) => time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;

    private static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private string Explain(ApiError error) =>
        error.Type == ProblemTypes.InvalidPhone ? text["That is not a mobile number."] : text["Choose a status from the list."];
}
