using Microsoft.Extensions.Options;
using SmsVerify.Server.Content;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Content;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>What a send's values add to an approved template, judged without the HTTP pipeline: many ordinary messages pass.</summary>
public sealed class ContentFitTests
{
    private static readonly ContentFit Fit = new(
        new ContentScorer(ContentModel.BuiltIn, PlatformPolicy.BuiltIn, Options.Create(new ContentRiskOptions())), Options.Create(new ContentRiskOptions()));

    private static ApprovedContent Template(string content, TemplateType type = TemplateType.Notification)
    {
        List<VariableToken> tokens = [];
        VariableParser.Parse(content, tokens, []);
        var variables = tokens.Select(t => new TemplateVariable(t.Name, t.Type)).DistinctBy(v => v.Name).ToList();
        return new ApprovedContent(Guid.Empty, "某某科技", SignaturePurpose.General, null, "SMS_1", type, content, variables);
    }

    private static List<RejectionReason>? Judge(string content, params (string Name, string Value)[] values) =>
        Fit.Judge(Template(content), values.ToDictionary(v => v.Name, v => v.Value));

    public static TheoryData<string, string> OrdinaryValues => new()
    {
        { "您的订单${order}已发货，请注意查收。", "SF1234567890" },
        { "您的订单${order}已发货，请注意查收。", "家用洗衣机一台" },
        { "您的订单${order}已发货，请注意查收。", "iPhone 15 手机壳" },
        { "您的订单${order}已发货，请注意查收。", "2 boxes of books" },
        // Values of 20 characters or more are judged alone too.
        { "您的订单${order}已发货，请注意查收。", "家用洗衣机一台及配套安装服务（含上门拆旧）" },
        { "您在${merchant}消费${amount}元，如非本人操作请联系发卡行。", "Apple Store Regent Street London" },
        { "Your ${item} has been shipped and will arrive soon.", "running shoes and a phone charger" },
        { "您的包裹已到${station}，请凭取件码领取。", "菜鸟驿站（幸福小区东门）" },
        { "您的包裹已到${station}，请凭取件码领取。", "丰巢柜 3 号柜" },
        { "您的包裹已到${station}，请凭取件码领取。", "the front desk" },
        { "尊敬的${name}，您预约的${service}已确认，请准时到达。", "洗牙" },
        { "尊敬的${name}，您预约的${service}已确认，请准时到达。", "dental cleaning" },
        { "尊敬的${name}，您预约的${service}已确认，请准时到达。", "驾照科目二考试" },
        { "尊敬的${name}，您预约的${service}已确认，请准时到达。", "家电上门清洗" },
        { "尊敬的${name}，您预约的${service}已确认，请准时到达。", "儿童疫苗接种" },
        { "尊敬的${name}，您预约的${service}已确认，请准时到达。", "宽带安装" },
        { "尊敬的${name}，您预约的${service}已确认，请准时到达。", "验光配镜" },
        { "您在${merchant}消费${amount}元，如非本人操作请联系发卡行。", "星巴克（国贸店）" },
        { "您在${merchant}消费${amount}元，如非本人操作请联系发卡行。", "中国石化加油站" },
        { "您在${merchant}消费${amount}元，如非本人操作请联系发卡行。", "Apple Store" },
        { "您的${item}将于${date}到期，请及时续费以免影响使用。", "宽带套餐" },
        { "您的${item}将于${date}到期，请及时续费以免影响使用。", "云服务器 ECS" },
        { "您的${item}将于${date}到期，请及时续费以免影响使用。", "会员服务" },
        { "${school}通知：明天上午${item}，请家长提醒孩子按时到校。", "实验小学" },
        { "您提交的${item}已审核通过，感谢您的耐心等待。", "退款申请" },
        { "您提交的${item}已审核通过，感谢您的耐心等待。", "实名认证资料" },
        { "您提交的${item}已审核通过，感谢您的耐心等待。", "发票抬头变更" },
        { "Your ${item} has been shipped and will arrive soon.", "order of running shoes" },
        { "Your ${item} has been shipped and will arrive soon.", "replacement charger" },
    };

    [Theory]
    [MemberData(nameof(OrdinaryValues))]
    public void OrdinaryValue_Fits(string content, string value)
    {
        var template = Template(content);
        var values = template.Variables.ToDictionary(v => v.Name, v => v.Type switch
        {
            VariableType.Amount => "128.50",
            VariableType.Date => "2026-12-01",
            VariableType.Name => "李雷",
            _ => value,
        });

        Assert.Null(Fit.Judge(template, values));
    }

    [Theory]
    [InlineData("全场五折限时抢购", "marketing_wording")]
    [InlineData("网贷秒批", "banned_industry")]
    [InlineData("详见 t.cn/A6xYz", "link")]
    [InlineData("咨询400-820-8820", "contact_number")]
    [InlineData("Txt CASH to 80082 to collect your award", "classifier_spam")]
    public void SmuggledValue_IsNamed(string value, string code)
    {
        var reasons = Judge("您的订单${order}已发货，请注意查收。", ("order", value));

        Assert.NotNull(reasons);
        Assert.Contains(reasons, r => r.Code == code);
    }

    [Fact]
    public void NumberVariable_MayHoldAnOrderNumber_ButNotAMobileNumber()
    {
        Assert.Null(Judge("您的订单${order:number}已发货。", ("order", "20261123000195588")));
        Assert.Equal("contact_number", Assert.Single(Judge("您的订单${order:number}已发货。", ("order", "13912345678"))!).Code);
    }

    [Fact]
    public void MarketingTemplate_MayAdvertise_ButNotDefraud()
    {
        var marketing = Template("${shop}新品到店，${offer}，欢迎选购。拒收请回复R", TemplateType.Marketing);

        Assert.Null(Fit.Judge(marketing, new Dictionary<string, string> { ["shop"] = "某某书店", ["offer"] = "会员全场八折" }));
        Assert.NotNull(Fit.Judge(marketing, new Dictionary<string, string> { ["shop"] = "某某书店", ["offer"] = "彩票投注八折" }));
    }

    [Fact]
    public void WordsInTheFixedText_AreNotHeldAgainstTheValues()
    {
        // As if approved before today's rules: the fixed text advertises, the value is ordinary.
        var reasons = Judge("会员日全场五折，领取优惠券请致电0755-86013388，详见 example.com。您的订单${order}已发货。", ("order", "SF1234567890"));

        Assert.Null(reasons);
    }
}
