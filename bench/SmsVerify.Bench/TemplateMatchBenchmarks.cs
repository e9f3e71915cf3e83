using BenchmarkDotNet.Attributes;
using SmsVerify.Server.Content;
using SmsVerify.Server.Content.Matching;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Bench;

/// <summary>
/// Free text matched against a tenant with 200 approved templates (issue 18's target: at most 5 µs a message): 100
/// verification templates that share their first words as real ones do (您正在登录…, 您正在注册…), and 100 notifications
/// of orders, parcels, bills and appointments. Run with the <c>content</c> benchmarks.
/// </summary>
[MemoryDiagnoser]
public class TemplateMatchBenchmarks
{
    private static readonly string[] Actions = ["登录", "注册", "修改密码", "找回密码", "绑定手机", "实名认证", "支付", "解绑设备", "更换邮箱", "注销账号"];
    private static readonly string[] Apps = ["某某商城", "某某出行", "某某外卖", "某某银行", "某某云盘", "某某课堂", "某某健康", "某某影视", "某某旅行", "某某社区"];

    private static readonly string[] Notices =
    [
        "尊敬的${name}，您在{app}的订单${order:number}已于${time}发货，金额${amount}元，请注意查收。",
        "尊敬的${name}，您在{app}的订单${order:number}已签收，如有问题请致电0755-86013388。",
        "您的{app}包裹已到${station}，取件码${code}，请于${date}前领取。",
        "尊敬的${name}，您本月{app}账单${amount}元，最后还款日${date}，请按时还款。",
        "${name}您好，您预约的${date} ${time}到店服务已确认，地址：{app}门店。",
        "尊敬的${name}，您在{app}的退款${amount}元已原路退回，预计${count}个工作日到账。",
        "您好，您在{app}的会员将于${date}到期，续费请登录{app}。",
        "尊敬的${name}，您的{app}快递单号${order:number}正在派送中，派送员${courier}。",
        "您的{app}账户于${time}消费${amount}元，余额${balance:amount}元。",
        "尊敬的${name}，您于${date}提交的工单${order:number}已处理完毕，感谢您对{app}的支持。",
    ];

    private const string Signature = "某某科技";

    private TemplateMatcher _matcher = null!;

    public string VerificationHit { get; } = "【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。";

    /// <summary>The last template of the 200, behind "尊敬的" as 59 others are.</summary>
    public string DeepHit { get; } = "【某某科技】尊敬的李雷，您于2026-11-23提交的工单20261123001已处理完毕，感谢您对某某社区的支持。";

    public string Miss { get; } = "【某某科技】您正在登录某某商城，验证码为482913，15分钟内有效，请勿泄露给他人。";

    [GlobalSetup]
    public void Setup()
    {
        List<ApprovedTemplate> templates = [];
        foreach (var app in Apps)
        {
            foreach (var action in Actions)
            {
                templates.Add(Template(templates.Count, TemplateType.Verification, $"您正在{action}{app}，验证码为${{code}}，{(templates.Count % 3 + 1) * 5}分钟内有效，请勿泄露给他人。"));
            }
        }
        foreach (var app in Apps)
        {
            foreach (var notice in Notices)
            {
                templates.Add(Template(templates.Count, TemplateType.Notification, notice.Replace("{app}", app, StringComparison.Ordinal)));
            }
        }
        _matcher = new TemplateMatcher([new ApprovedSignature(Guid.NewGuid(), Signature, SignaturePurpose.General, "1001")], templates);
        if (_matcher.TemplateCount != 200 || !_matcher.Match(VerificationHit, null, 35).Succeeded || !_matcher.Match(DeepHit, null, 35).Succeeded
            || _matcher.Match(Miss, null, 35).Content is not null)
        {
            throw new InvalidOperationException("The benchmark's texts do not match as they should.");
        }
    }

    [Benchmark(Baseline = true)]
    public TemplateMatch Hit_Verification() => _matcher.Match(VerificationHit, null, 35);

    [Benchmark]
    public TemplateMatch Hit_DeepInTheList() => _matcher.Match(DeepHit, null, 35);

    [Benchmark]
    public TemplateMatch Miss_NoTemplateFits() => _matcher.Match(Miss, null, 35);

    private static ApprovedTemplate Template(int number, TemplateType type, string content)
    {
        List<VariableToken> tokens = [];
        VariableParser.Parse(content, tokens, null);
        return new($"SMS_{100000 + number}", type, content, [.. tokens.DistinctBy(t => t.Name).Select(t => new TemplateVariable(t.Name, t.Type))], null);
    }
}
