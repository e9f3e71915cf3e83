using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Content;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Risk.Content;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Bench;

/// <summary>
/// What the risk check adds to a clean send (<see cref="SendScreen.CheckAsync"/> without a refusal): the breaker
/// lookup in this node's copy, then the content judgement of the values. Run with the <c>content</c> benchmarks.
/// </summary>
[MemoryDiagnoser]
public class SendScreenBenchmarks
{
    private static readonly Guid Tenant = Guid.NewGuid();

    private static readonly ApprovedContent Verification = new(Guid.Empty, "极客时间", SignaturePurpose.General, null, "SMS_1", TemplateType.Verification,
        "您正在登录极客时间，验证码为${code}，5分钟内有效。请勿将验证码告知他人。", [new("code", VariableType.Code)]);

    private static readonly ApprovedContent Notification = new(Guid.Empty, "某某快递", SignaturePurpose.General, null, "SMS_2", TemplateType.Notification,
        "您的包裹已到${station}，取件码${code}，请于${date}前领取。", [new("station", VariableType.Text), new("code", VariableType.Code), new("date", VariableType.Date)]);

    private readonly Dictionary<string, string> _code = new() { ["code"] = "482913" };
    private readonly Dictionary<string, string> _pickup = new() { ["station"] = "菜鸟驿站（幸福小区东门）", ["code"] = "5821", ["date"] = "2026-12-01" };
    private readonly BreakerBoard _empty = new();
    private readonly BreakerBoard _busy = new();
    private ContentFit _fit = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new ContentRiskOptions());
        _fit = new ContentFit(new ContentScorer(ContentModel.BuiltIn, PlatformPolicy.BuiltIn, options), options);
        // Other tenants' open breakers: the lookup is a hash probe per scope whatever their number.
        for (var i = 0; i < 100; i++)
        {
            _busy.Opened(new OpenBreaker(Guid.NewGuid(), Guid.NewGuid(), BreakerScope.Template, $"SMS_{i}", DateTime.UtcNow));
        }
        _fit.Judge(Notification, _pickup); // the template's baseline verdict, computed once per template
    }

    [Benchmark(Baseline = true)]
    public OpenBreaker? BreakerLookup_NoneOpen() => _empty.Find(Tenant, "极客时间", "SMS_1");

    [Benchmark]
    public OpenBreaker? BreakerLookup_100OpenElsewhere() => _busy.Find(Tenant, "极客时间", "SMS_1");

    [Benchmark]
    public List<RejectionReason>? Judge_VerificationTemplate() => _fit.Judge(Verification, _code);

    [Benchmark]
    public List<RejectionReason>? Judge_NotificationWithTextValue() => _fit.Judge(Notification, _pickup);
}
