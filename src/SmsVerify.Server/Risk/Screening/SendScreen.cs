using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Risk.Screening;

/// <summary>
/// The risk check of every send with approved content, before anything is priced, counted or stored: an open
/// breaker over the tenant, signature or template refuses it (<c>sending_suspended</c>); content that does not fit
/// the template's type refuses it (<c>content_rejected</c>), is stored as a violation and may trip breakers. A
/// clean send costs a lookup in this node's breaker copy and, for templates with text variables, one classifier
/// run: synchronous, no I/O.
/// </summary>
public sealed partial class SendScreen(BreakerBoard board, ContentFit fit, WriteBatcher writes, BreakerTrips trips, TimeProvider clock, ILogger<SendScreen> logger)
{
    /// <param name="values">Every variable's value as the message will carry it (a verification's code as a placeholder).</param>
    public ValueTask<ApiError?> CheckAsync(Guid tenantId, ApprovedContent content, IReadOnlyDictionary<string, string> values)
    {
        if (board.Find(tenantId, content.Signature, content.Template) is { } open)
        {
            return ValueTask.FromResult<ApiError?>(Suspended(open));
        }
        return fit.Judge(content, values) is { } reasons ? RejectAsync(tenantId, content, values, reasons) : default;
    }

    private async ValueTask<ApiError?> RejectAsync(Guid tenantId, ApprovedContent content, IReadOnlyDictionary<string, string> values, List<RejectionReason> reasons)
    {
        var violation = new ContentViolation
        {
            TenantId = tenantId,
            Signature = content.Signature,
            Template = content.Template,
            Reasons = string.Join(',', reasons.Select(r => r.Code).Distinct()),
            Sample = Sample(content, values),
            At = clock.UtcNowForStorage(),
        };
        await StoreAsync(violation);
        return ProblemTypes.ContentRejected.With(
            $"The message does not fit {content.Type.ToString().ToLowerInvariant()} template {content.Template}: {string.Join(" ", reasons.Select(r => r.Message))}") with
        {
            Extensions = new Dictionary<string, object?> { ["reasons"] = reasons },
        };
    }

    /// <summary>
    /// A free text (an SMPP submit) that matched no approved template, or named no approved signature: evidence as
    /// much as content that does not fit its template, so it is stored as a violation (reason <c>no_template_match</c>)
    /// and counts toward the tenant's breakers, and the signature's when it named one. Digit runs are masked: one may be a code.
    /// </summary>
    public Task RecordUnmatchedAsync(Guid tenantId, string? signature, string text) => StoreAsync(new ContentViolation
    {
        TenantId = tenantId,
        Signature = signature is { Length: <= SendParameters.MaxNameLength } ? signature : "",
        Template = "",
        Reasons = UnmatchedReason,
        Sample = Truncate(DigitRuns().Replace(text, m => new string('*', m.Length))),
        At = clock.UtcNowForStorage(),
    });

    public const string UnmatchedReason = "no_template_match";

    private async Task StoreAsync(ContentViolation violation)
    {
        // Stored before the answer (group-committed with other writes): a refusal is never lost, and the count the
        // breakers read includes it. The client going away does not cancel either.
        await writes.InsertAsync(null, violation);
        try
        {
            await trips.AfterViolationAsync(violation);
        }
        catch (Exception e)
        {
            // The violation is stored; the next one evaluates the breakers again.
            LogTripFailed(logger, violation.TenantId, e);
        }
    }

    private static string Truncate(string text) => text.Length <= ContentViolation.MaxSampleLength ? text : text[..ContentViolation.MaxSampleLength];

    [System.Text.RegularExpressions.GeneratedRegex("[0-9]{4,}")]
    private static partial System.Text.RegularExpressions.Regex DigitRuns();

    private static ApiError Suspended(OpenBreaker open)
    {
        var scope = open.Scope.ToString().ToLowerInvariant();
        var what = open.Scope switch
        {
            BreakerScope.Template => $"template {open.Key}",
            BreakerScope.Signature => $"signature '{open.Key}'",
            _ => "your tenant",
        };
        return ProblemTypes.SendingSuspended.With(
            $"Sending with {what} is suspended since {open.OpenedAt:O} after repeated content violations; a risk officer must review and reset it.") with
        {
            Extensions = new Dictionary<string, object?> { ["scope"] = scope, ["key"] = open.Key, ["breakerId"] = open.Id },
        };
    }

    /// <summary>The message as it would have gone out, its code masked and any missing value blank, for the evidence.</summary>
    private static string Sample(ApprovedContent content, IReadOnlyDictionary<string, string> values)
    {
        var filled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in content.Variables)
        {
            var value = values.GetValueOrDefault(variable.Name) ?? "";
            filled[variable.Name] = variable.Type == VariableType.Code ? new string('*', value.Length) : value;
        }
        return Truncate($"【{content.Signature}】{TemplateRenderer.Render(content.Content, filled).Text ?? content.Content}");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating the circuit breakers of tenant {TenantId} after a content violation failed.")]
    private static partial void LogTripFailed(ILogger logger, Guid tenantId, Exception exception);
}
