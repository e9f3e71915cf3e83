using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// The template and signature look-ups, read from the native templates and signatures: status in Alibaba's encoding
/// (0 under review, 1 approved, 2 rejected) and the reviewer's note as <c>Reason</c>. Submitting and deleting templates is
/// <see cref="AlibabaTemplateSubmissions"/>.
/// </summary>
internal static class AlibabaTemplates
{
    public static bool Handles(string action) => action is "QuerySmsTemplate" or "QuerySmsSign";

    public static Task<AlibabaOutcome> HandleAsync(string action, AlibabaCall call, CancellationToken cancellationToken) =>
        action == "QuerySmsTemplate" ? QueryTemplateAsync(call, cancellationToken) : QuerySignAsync(call, cancellationToken);

    private static async Task<AlibabaOutcome> QueryTemplateAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        if (call["TemplateCode"] is not { Length: > 0 } code)
        {
            return AlibabaError.Missing("TemplateCode");
        }
        var tenantId = call.Caller.TenantId;
        var db = call.Services.GetRequiredService<AppDbContext>();
        var template = await db.Templates.AsNoTracking().Where(t => t.TenantId == tenantId && t.Code == code)
            .FirstOrDefaultAsync(cancellationToken);
        if (template is null)
        {
            return AlibabaError.Business(AlibabaCodes.TemplateIllegal, "Your tenant has no template with this TemplateCode.");
        }
        return AlibabaOutcome.Ok(new TemplateResponse(call.RequestId, AlibabaCodes.Ok, "OK", template.Code, template.Name, TypeOf(template.Type),
            template.Content, StatusOf(template.Status), Templates.TemplateSubmissions.ReasonOf(template), ChinaTime(template.SubmittedAt)));
    }

    private static async Task<AlibabaOutcome> QuerySignAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        if (call["SignName"] is not { Length: > 0 } name)
        {
            return AlibabaError.Missing("SignName");
        }
        var tenantId = call.Caller.TenantId;
        var db = call.Services.GetRequiredService<AppDbContext>();
        var signature = await db.Signatures.AsNoTracking().Where(s => s.TenantId == tenantId && s.Name == name).OrderByDescending(s => s.SubmittedAt).ThenByDescending(s => s.Id)
            .Select(s => new { s.Name, s.Status, s.DecisionNote, s.SubmittedAt }).FirstOrDefaultAsync(cancellationToken);
        if (signature is null)
        {
            return AlibabaError.Business(AlibabaCodes.SignatureIllegal, "Your tenant has no signature with this SignName.");
        }
        return AlibabaOutcome.Ok(new SignResponse(call.RequestId, AlibabaCodes.Ok, "OK", signature.Name, StatusOf(signature.Status),
            signature.DecisionNote ?? "", ChinaTime(signature.SubmittedAt)));
    }

    internal static int StatusOf(ReviewStatus status) => status switch
    {
        ReviewStatus.Approved => 1,
        ReviewStatus.Rejected => 2,
        _ => 0,
    };

    /// <summary>Alibaba's TemplateType: 0 verification, 1 notification, 2 marketing.</summary>
    internal static int TypeOf(TemplateType type) => type switch
    {
        TemplateType.Verification => 0,
        TemplateType.Notification => 1,
        _ => 2,
    };

    internal static string ChinaTime(DateTime utc) =>
        (utc + MarketingWindow.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    internal sealed record TemplateResponse(
        string RequestId, string Code, string Message, string TemplateCode, string TemplateName, int TemplateType, string TemplateContent,
        int TemplateStatus, string Reason, string CreateDate);

    internal sealed record SignResponse(string RequestId, string Code, string Message, string SignName, int SignStatus, string Reason, string CreateDate);
}
