using SmsVerify.Server.Policy;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Tests.Templates.Rules;

/// <summary>The default policy as the server loads it, and a shared engine over it.</summary>
internal static class RulesTestPolicy
{
    public static readonly PlatformPolicy Default = PlatformPolicy.Load(Path.Combine(AppContext.BaseDirectory, PlatformPolicy.DefaultFileName));

    public static readonly TemplateRules Engine = new(Default);

    public static TemplateReview ReviewAs(TemplateType type, string content, TenantKind tenant = TenantKind.Enterprise, params string[] domains) =>
        Engine.Review(new TemplateDraft("测试模板", type, content, "用户登录时发送"),
            new TemplateContext(tenant, domains.Length == 0 ? ["example.com"] : domains));

    public static IEnumerable<Finding> WithCode(this TemplateReview review, string code) => review.Findings.Where(f => f.Code == code);

    public static string SpanText(this Finding finding, string content) =>
        finding.Span is { } span ? content.Substring(span.Start, span.Length) : throw new Xunit.Sdk.XunitException($"{finding.Code} has no span");
}
