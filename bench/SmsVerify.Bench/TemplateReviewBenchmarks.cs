using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Content;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Templates.Rules.Reading;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Bench;

/// <summary>
/// The content rules with the one normalisation they read through (<see cref="NormalText"/>): a template's review
/// (submission and pre-check) and the rules on a value at send. Run with the <c>content</c> benchmarks.
/// </summary>
[MemoryDiagnoser]
public class TemplateReviewBenchmarks
{
    private const string Verification = "您正在登录极客时间，验证码为${code}，5分钟内有效。请勿将验证码告知他人。";
    private const string Notification = "您的包裹已到${station}，取件码${code}，请于${date}前领取，如有疑问请致电0755-86013388。";
    private const string Value = "菜鸟驿站（幸福小区东门）";

    private static readonly TemplateContext Context = new(TenantKind.Enterprise, ["example.com"]);

    private readonly TemplateRules _rules = new(PlatformPolicy.BuiltIn);
    private readonly NormalText _normal = new();
    private ContentScorer _scorer = null!;

    [GlobalSetup]
    public void Setup() => _scorer = new ContentScorer(ContentModel.BuiltIn, PlatformPolicy.BuiltIn, Options.Create(new ContentRiskOptions()));

    [Benchmark(Baseline = true)]
    public int Normalise_VerificationTemplate() => _normal.Read(Verification).Length;

    [Benchmark]
    public TemplateReview Review_VerificationTemplate() => _rules.Review(new TemplateDraft("登录验证", TemplateType.Verification, Verification, "用户登录时发送"), Context);

    [Benchmark]
    public TemplateReview Review_NotificationTemplate() => _rules.Review(new TemplateDraft("取件通知", TemplateType.Notification, Notification, "包裹到站时发送"), Context);

    [Benchmark]
    public bool Rules_TextValueAtSend()
    {
        List<ContentReason>? reasons = null;
        return _scorer.CheckRules(Value, ref reasons) || reasons is not null;
    }
}
