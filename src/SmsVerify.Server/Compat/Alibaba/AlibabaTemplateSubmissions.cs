using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// Alibaba's template calls onto <see cref="TemplateSubmissions"/>, the same review as <c>POST /v1/templates</c>:
/// <c>AddSmsTemplate</c> and <c>CreateSmsTemplate</c> submit (<c>TemplateType</c> 0 verification, 1 notification,
/// 2 marketing; <c>Remark</c> is the scenario), <c>GetSmsTemplate</c> reads back, <c>DeleteSmsTemplate</c> deletes.
/// A template the rules reject is still created, as Alibaba creates it and rejects it in review: the answer is OK
/// with its code, and its status and reason say why.
/// </summary>
internal static class AlibabaTemplateSubmissions
{
    public const int MaxPageSize = 50;

    public static bool Handles(string action) =>
        action is "AddSmsTemplate" or "CreateSmsTemplate" or "GetSmsTemplate" or "DeleteSmsTemplate" or "QuerySmsTemplateList";

    public static Task<AlibabaOutcome> HandleAsync(string action, AlibabaCall call, CancellationToken cancellationToken) => action switch
    {
        "AddSmsTemplate" => SubmitAsync(call, created: false, cancellationToken),
        "CreateSmsTemplate" => SubmitAsync(call, created: true, cancellationToken),
        "GetSmsTemplate" => GetAsync(call, cancellationToken),
        "QuerySmsTemplateList" => ListAsync(call, cancellationToken),
        _ => DeleteAsync(call, cancellationToken),
    };

    private static async Task<AlibabaOutcome> SubmitAsync(AlibabaCall call, bool created, CancellationToken cancellationToken)
    {
        if (Read(call) is { Error: { } refused })
        {
            return refused;
        }
        var request = Read(call).Value!;
        var submitted = await call.Services.GetRequiredService<TemplateSubmissions>().SubmitAsync(call.Caller.TenantId, request, cancellationToken);
        if (submitted.Error is { } error)
        {
            return AlibabaCodes.For(error);
        }
        var template = submitted.Value!;
        // Alibaba's OrderId names the review work order; a template's review is its own, so the code's digits serve.
        return AlibabaOutcome.Ok(created
            ? new CreatedResponse(call.RequestId, AlibabaCodes.Ok, "OK", template.Code, template.Code["SMS_".Length..], template.Name)
            : new AddedResponse(call.RequestId, AlibabaCodes.Ok, "OK", template.Code));
    }

    /// <summary>The parameters both submit calls share, bounded as the native request is; past a bound is Alibaba's <c>isv.PARAM_LENGTH_LIMIT</c>.</summary>
    private static AlibabaOutcomeOf<TemplateRequest> Read(AlibabaCall call)
    {
        if (call["TemplateType"] is not { Length: > 0 } typeText)
        {
            return AlibabaError.Missing("TemplateType");
        }
        var type = typeText switch
        {
            "0" => "verification",
            "1" => "notification",
            "2" => "marketing",
            _ => null,
        };
        if (type is null)
        {
            return AlibabaError.Business(AlibabaCodes.InvalidParameters, "TemplateType is 0 (verification), 1 (notification) or 2 (marketing); international templates are not served.");
        }
        if (call["TemplateName"] is not { Length: > 0 } name)
        {
            return AlibabaError.Missing("TemplateName");
        }
        if (call["TemplateContent"] is not { Length: > 0 } content)
        {
            return AlibabaError.Missing("TemplateContent");
        }
        var remark = call["Remark"] ?? "";
        // RelatedSignName, TemplateRule, ApplySceneContent and MoreData are read for their bounds only: the native rules
        // infer each variable's type from its name (or its ${name:type}), and a signature is chosen per send.
        if (name.Length > TemplateRules.MaxNameLength || content.Length > TemplateRules.MaxContentLength * 4 || remark.Length > TemplateRules.MaxScenarioLength
            || call["TemplateRule"] is { Length: > 4096 } || call["RelatedSignName"] is { Length: > 64 } || call["ApplySceneContent"] is { Length: > 512 })
        {
            return AlibabaError.Business(AlibabaCodes.ParamLengthLimit,
                $"TemplateName is at most {TemplateRules.MaxNameLength} characters, TemplateContent {TemplateRules.MaxContentLength}, Remark {TemplateRules.MaxScenarioLength}.");
        }
        return new TemplateRequest(name, type, content, remark.Length > 0 ? remark : name, null);
    }

    private static async Task<AlibabaOutcome> GetAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        if (call["TemplateCode"] is not { Length: > 0 } code)
        {
            return AlibabaError.Missing("TemplateCode");
        }
        var tenantId = call.Caller.TenantId;
        var template = await call.Services.GetRequiredService<AppDbContext>().Templates.AsNoTracking()
            .FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Code == code, cancellationToken);
        if (template is null)
        {
            return AlibabaError.Business(AlibabaCodes.TemplateIllegal, "Your tenant has no template with this TemplateCode.");
        }
        var status = AlibabaTemplates.StatusOf(template.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = new AuditInfo(TemplateSubmissions.ReasonOf(template), template.DecidedAt is { } decided ? AlibabaTemplates.ChinaTime(decided) : "");
        return AlibabaOutcome.Ok(new GetResponse(call.RequestId, AlibabaCodes.Ok, "OK", template.Code, template.Name, template.Content,
            AlibabaTemplates.TypeOf(template.Type).ToString(System.Globalization.CultureInfo.InvariantCulture), status, template.Scenario,
            template.Code["SMS_".Length..], AlibabaTemplates.ChinaTime(template.SubmittedAt), audit));
    }

    /// <summary>The tenant's templates, oldest first; <c>PageIndex</c> from 1, <c>PageSize</c> 1–50 (default 10).</summary>
    private static async Task<AlibabaOutcome> ListAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        var page = int.TryParse(call["PageIndex"] ?? "1", out var p) ? p : 0;
        var size = int.TryParse(call["PageSize"] ?? "10", out var n) ? n : 0;
        if (page is < 1 or > 100_000 || size is < 1 or > MaxPageSize)
        {
            return AlibabaError.Business(AlibabaCodes.InvalidParameters, $"PageIndex is from 1, PageSize from 1 to {MaxPageSize}.");
        }
        var tenantId = call.Caller.TenantId;
        var templates = call.Services.GetRequiredService<AppDbContext>().Templates.AsNoTracking().Where(t => t.TenantId == tenantId);
        var total = await templates.CountAsync(cancellationToken);
        var rows = await templates.OrderBy(t => t.Id).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return AlibabaOutcome.Ok(new ListResponse(call.RequestId, AlibabaCodes.Ok, "OK", page, size, total, rows.ConvertAll(t => new ListedTemplate(
            t.Code, t.Name, AlibabaTemplates.TypeOf(t.Type), AuditStatusOf(t.Status), t.Content, AlibabaTemplates.ChinaTime(t.SubmittedAt), t.Code["SMS_".Length..],
            new RejectReason(t.Status == ReviewStatus.Rejected ? TemplateSubmissions.ReasonOf(t) : "",
                t.Status == ReviewStatus.Rejected ? AlibabaTemplates.ChinaTime(t.DecidedAt ?? t.SubmittedAt) : "")))));
    }

    /// <summary>QuerySmsTemplateList's encoding of the review, as Alibaba names its states.</summary>
    private static string AuditStatusOf(ReviewStatus status) => status switch
    {
        ReviewStatus.Approved => "AUDIT_STATE_PASS",
        ReviewStatus.Rejected => "AUDIT_STATE_NOT_PASS",
        _ => "AUDIT_STATE_INIT",
    };

    private static async Task<AlibabaOutcome> DeleteAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        if (call["TemplateCode"] is not { Length: > 0 } code)
        {
            return AlibabaError.Missing("TemplateCode");
        }
        return await call.Services.GetRequiredService<TemplateSubmissions>().DeleteAsync(call.Caller.TenantId, code, cancellationToken)
            ? AlibabaOutcome.Ok(new AddedResponse(call.RequestId, AlibabaCodes.Ok, "OK", code))
            : AlibabaError.Business(AlibabaCodes.TemplateIllegal, "Your tenant has no template with this TemplateCode.");
    }

    internal sealed record AddedResponse(string RequestId, string Code, string Message, string TemplateCode);

    internal sealed record CreatedResponse(string RequestId, string Code, string Message, string TemplateCode, string OrderId, string TemplateName);

    internal sealed record RejectReason(string RejectInfo, string RejectDate);

    internal sealed record ListedTemplate(
        string TemplateCode, string TemplateName, int TemplateType, string AuditStatus, string TemplateContent, string CreateDate, string OrderId,
        RejectReason Reason);

    internal sealed record ListResponse(
        string RequestId, string Code, string Message, int CurrentPage, int PageSize, int TotalCount, List<ListedTemplate> SmsTemplateList);

    internal sealed record AuditInfo(string RejectInfo, string AuditDate);

    internal sealed record GetResponse(
        string RequestId, string Code, string Message, string TemplateCode, string TemplateName, string TemplateContent, string TemplateType,
        string TemplateStatus, string Remark, string OrderId, string CreateDate, AuditInfo AuditInfo);
}
