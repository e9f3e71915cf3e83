using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>
/// Tencent's template calls onto <see cref="TemplateSubmissions"/>, the same review as <c>POST /v1/templates</c>.
/// Tencent writes variables as <c>{1}</c>, <c>{2}</c>…; SmsVerify names them. An ordinary template (SmsType 0) with
/// one placeholder and a verification keyword is a verification template whose <c>{1}</c> is <c>${code}</c>; any
/// other names <c>{n}</c> <c>${pn:text}</c>. Placeholders must first appear in order, so that SendSms's
/// <c>TemplateParamSet</c>, which fills variables in the order the content names them, fills <c>{1}</c> first.
/// </summary>
internal sealed partial class TencentTemplates(AppDbContext db, TemplateSubmissions submissions, TimeProvider clock)
{
    public const int MaxIds = 100;
    private const string TemplateIdNotExist = "FailedOperation.TemplateIdNotExist";

    public async Task<JsonObject> AddAsync(TencentCall call, CancellationToken cancellationToken)
    {
        var p = call.Parameters;
        var name = p.Bounded("TemplateName", TemplateRules.MaxNameLength) ?? throw Missing("TemplateName");
        var content = p.Bounded("TemplateContent", TemplateRules.MaxContentLength * 4) ?? throw Missing("TemplateContent");
        var smsType = p.Integer("SmsType", 0, 1) ?? throw Missing("SmsType");
        CheckDomestic(p);
        var remark = p.Bounded("Remark", TemplateRules.MaxScenarioLength) ?? "";
        var (native, verification) = ToNative(content, smsType == 1);
        var type = smsType == 1 ? "marketing" : verification ? "verification" : "notification";
        var submitted = await submissions.SubmitAsync(call.Caller.TenantId, new TemplateRequest(name, type, native, remark.Length > 0 ? remark : name, null), cancellationToken);
        if (submitted.Error is { } error)
        {
            throw new TencentException(TencentErrors.For(error).Code, error.Detail);
        }
        return TencentApi.ToNode(new { AddTemplateStatus = new { TemplateId = Id(submitted.Value!.Code) } });
    }

    public async Task<JsonObject> DescribeAsync(TencentCall call, CancellationToken cancellationToken)
    {
        var p = call.Parameters;
        CheckDomestic(p);
        var ids = p.List("TemplateIdSet", MaxIds, TencentCodes.InvalidParameterValue);
        var tenantId = call.Caller.TenantId;
        var query = db.Templates.AsNoTracking().Where(t => t.TenantId == tenantId);
        List<SmsTemplate> templates;
        if (ids is { Count: > 0 })
        {
            var codes = ids.ConvertAll(TencentSendSms.TemplateCode);
            templates = await query.Where(t => codes.Contains(t.Code)).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        }
        else
        {
            var limit = (int)(p.Integer("Limit", 1, MaxIds) ?? throw Missing("Limit"));
            var offset = (int)(p.Integer("Offset", 0, 100_000) ?? throw Missing("Offset"));
            templates = await query.OrderBy(t => t.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        }
        return TencentApi.ToNode(new { DescribeTemplateStatusSet = templates.ConvertAll(Describe) });
    }

    public async Task<JsonObject> DeleteAsync(TencentCall call, CancellationToken cancellationToken)
    {
        var id = call.Parameters.Bounded("TemplateId", 24) ?? throw Missing("TemplateId");
        if (!await submissions.DeleteAsync(call.Caller.TenantId, TencentSendSms.TemplateCode(id), cancellationToken))
        {
            throw new TencentException(TemplateIdNotExist, $"Your tenant has no template {id}.");
        }
        return TencentApi.ToNode(new { DeleteTemplateStatus = new { DeleteStatus = "return successfully", DeleteTime = clock.GetUtcNow().ToUnixTimeSeconds() } });
    }

    /// <summary>StatusCode 0 approved, 1 in review, -1 rejected; <c>ReviewReply</c> says why.</summary>
    private static object Describe(SmsTemplate t) => new
    {
        TemplateId = long.TryParse(Id(t.Code), out var number) ? number : 0,
        International = 0,
        StatusCode = t.Status switch { ReviewStatus.Approved => 0, ReviewStatus.Rejected => -1, _ => 1 },
        ReviewReply = TemplateSubmissions.ReasonOf(t),
        TemplateName = t.Name,
        CreateTime = new DateTimeOffset(DateTime.SpecifyKind(t.SubmittedAt, DateTimeKind.Utc)).ToUnixTimeSeconds(),
        TemplateContent = ToTencent(t.Content, t.Variables),
    };

    /// <summary><c>{1}</c>, <c>{2}</c>… as SmsVerify variables; whether the template is one for a verification code.</summary>
    internal static (string Content, bool Verification) ToNative(string content, bool marketing)
    {
        var seen = 0;
        foreach (Match m in Placeholder().Matches(content))
        {
            var n = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            if (n > seen + 1)
            {
                throw new TencentException(TencentCodes.InvalidParameterValue,
                    $"Placeholders first appear in order {{1}}, {{2}}…: {m.Value} comes before {{{seen + 1}}}. Renumber them so that TemplateParamSet fills them in order.");
            }
            seen = Math.Max(seen, n);
        }
        var verification = !marketing && seen == 1 && VerificationKeyword().IsMatch(content);
        var native = Placeholder().Replace(content, m => verification ? "${code}" : $"${{p{m.Groups[1].Value}:text}}");
        return (native, verification);
    }

    /// <summary>Back in Tencent's form: each variable is <c>{n}</c>, n its place in the order the content names them.</summary>
    internal static string ToTencent(string content, List<TemplateVariable> variables)
    {
        var tokens = new List<VariableToken>();
        VariableParser.Parse(content, tokens, null);
        var text = new StringBuilder(content.Length);
        var at = 0;
        foreach (var token in tokens)
        {
            var index = variables.FindIndex(v => v.Name == token.Name);
            text.Append(content, at, token.Start - at).Append('{').Append(index + 1).Append('}');
            at = token.Start + token.Length;
        }
        return text.Append(content, at, content.Length - at).ToString();
    }

    private static string Id(string code) => code.StartsWith("SMS_", StringComparison.Ordinal) ? code["SMS_".Length..] : code;

    private static void CheckDomestic(TencentParameters p)
    {
        if (p.Integer("International", 0, 1) == 1)
        {
            throw new TencentException(TencentCodes.UnsupportedOperation, "International templates are not served: International is 0.");
        }
    }

    private static TencentException Missing(string name) => new(TencentCodes.MissingParameter, $"{name} is required.");

    [GeneratedRegex(@"\{([1-9][0-9]{0,1})\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("验证码|校验码|动态码|verification code", RegexOptions.IgnoreCase)]
    private static partial Regex VerificationKeyword();
}
