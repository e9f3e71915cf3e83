using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>Content on the send path: what a send's values add to its approved template is judged before anything is stored.</summary>
public sealed class SendContentTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string RealNumber = "+8613912345678";
    private const string Appointment = "尊敬的${name}，您预约的${service}已确认，日期${date}，时间${time}，地点：${place}，如需改约请在应用内操作。";

    private async Task<(LiveSender Sender, string Notification)> SenderAsync()
    {
        var sender = await app.CreateLiveSenderAsync();
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(app, Appointment, "notification");
        await app.TopUpAsync(sender.Tenant.Id, 100m);
        return (sender, notification);
    }

    private Task<int> ViolationsAsync(Guid tenantId) => app.WithDbAsync(db => db.Set<ContentViolation>().CountAsync(v => v.TenantId == tenantId));

    [Fact]
    public async Task Verification_IsSent_ItsOnlyValueIsTheServersCode()
    {
        var (sender, _) = await SenderAsync();

        await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);

        Assert.Equal(0, await ViolationsAsync(sender.Tenant.Id));
    }

    [Theory]
    [InlineData("李雷", "洗牙", "人民医院门诊楼3层")]
    [InlineData("王小明", "车辆年检", "朝阳区建国路88号检测站")]
    [InlineData("张女士", "宽带安装", "3号楼2单元501")]
    [InlineData("陈先生", "体检套餐A", "健康管理中心二楼")]
    [InlineData("刘洋", "iPhone 15 屏幕维修", "中关村店")]
    [InlineData("赵敏", "儿童疫苗接种", "社区卫生服务中心")]
    [InlineData("孙磊", "驾照科目二考试", "东郊考场")]
    [InlineData("周杰", "家电上门清洗", "您登记的住址")]
    [InlineData("吴芳", "营业厅业务办理", "天河营业厅2号窗口")]
    [InlineData("Li Lei", "dental cleaning", "Room 302, Building B")]
    public async Task Notification_WithOrdinaryValues_IsSent(string name, string service, string place)
    {
        var (sender, notification) = await SenderAsync();

        await (await sender.SendAsync(notification, new { name, service, date = "2026-12-01", time = "14:30", place }, RealNumber))
            .OkAsync(HttpStatusCode.Accepted);

        Assert.Equal(0, await ViolationsAsync(sender.Tenant.Id));
    }

    private Task<HttpResponseMessage> AppointmentAsync(LiveSender sender, string notification, string service, string place = "人民医院门诊楼3层") =>
        sender.SendAsync(notification, new { name = "李雷", service, date = "2026-12-01", time = "14:30", place }, RealNumber);

    [Theory]
    [InlineData("洗牙，领取优惠券全场五折", "marketing_wording")]
    [InlineData("博彩游戏体验", "banned_industry")]
    [InlineData("洗牙 t.cn/A6xYz", "link")]
    [InlineData("洗牙，客服13800138000", "contact_number")]
    [InlineData("洗牙，咨询0755-86013388", "contact_number")]
    public async Task Notification_WithSmuggledContent_IsRejectedAndCounted_AndNothingIsStoredOrCharged(string service, string reason)
    {
        var (sender, notification) = await SenderAsync();
        var balance = await sender.Tenant.BalanceAsync();

        var problem = await (await AppointmentAsync(sender, notification, service)).ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");

        var first = problem.GetProperty("reasons")[0];
        Assert.Equal((reason, "service"), (first.Str("code"), first.Str("variable")));
        Assert.False(string.IsNullOrEmpty(first.Str("message")));
        Assert.Equal(1, await ViolationsAsync(sender.Tenant.Id));
        Assert.Equal(0, await app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id)));
        Assert.Equal(balance, await sender.Tenant.BalanceAsync());
    }

    [Fact]
    public async Task Violation_IsStoredWithReasonsAndAMaskedSample()
    {
        var (sender, _) = await SenderAsync();
        var pickup = await sender.Tenant.CreateApprovedTemplateAsync(app, "您的包裹已到${station}，取件码${code}，请及时领取。", "notification");

        await (await sender.SendAsync(pickup, new { station = "菜鸟驿站，领红包", code = "5821" }, RealNumber))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");

        var violation = await app.WithDbAsync(db => db.Set<ContentViolation>().SingleAsync(v => v.TenantId == sender.Tenant.Id));
        Assert.Equal((sender.Signature, pickup, "marketing_wording"), (violation.Signature, violation.Template, violation.Reasons));
        Assert.Equal("【某某科技】您的包裹已到菜鸟驿站，领红包，取件码****，请及时领取。", violation.Sample);
    }

    [Fact]
    public async Task Messages_OneBadValue_RefusesTheWholeRequest()
    {
        var (sender, notification) = await SenderAsync();

        var problem = await (await sender.SendAsync(notification,
                new { name = "李雷", service = "洗牙", date = "2026-12-01", time = "14:30", place = "加微信领红包 www.example.top" },
                RealNumber, "+8613912345679", "+8613912345670"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");

        Assert.Contains(problem.GetProperty("reasons").EnumerateArray(), r => r.Str("code") == "link" && r.Str("variable") == "place");
        Assert.Equal(0, await app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id)));
        Assert.Equal(1, await ViolationsAsync(sender.Tenant.Id));
    }

    [Fact]
    public async Task MarketingTemplate_MayAdvertiseInItsValues_ButNotABannedIndustry()
    {
        var (sender, _) = await SenderAsync();
        var marketing = await sender.Tenant.CreateApprovedTemplateAsync(app, "${shop}新品到店，${offer}，欢迎选购。拒收请回复R", "marketing");
        var window = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var ten = new DateTimeOffset(window.Date, window.Offset).AddHours(10);
        app.Clock.Advance((ten > window ? ten : ten.AddDays(1)) - window);

        await (await sender.SendAsync(marketing, new { shop = "某某书店", offer = "会员全场八折优惠" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);
        var banned = await (await sender.SendAsync(marketing, new { shop = "某某书店", offer = "彩票投注八折" }, RealNumber))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "content_rejected");

        Assert.Equal("banned_industry", banned.GetProperty("reasons")[0].Str("code"));
    }

    [Fact]
    public async Task WordsInTheApprovedText_DoNotCountAgainstTheSend()
    {
        var (sender, _) = await SenderAsync();
        // The approved text gives a number to call, which a value may not: only what the values add is judged.
        var support = await sender.Tenant.CreateApprovedTemplateAsync(app, "您的订单${order}已发货，如有疑问请致电0755-86013388。", "notification");

        await (await sender.SendAsync(support, new { order = "SF1234567890" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);

        Assert.Equal(0, await ViolationsAsync(sender.Tenant.Id));
    }
}
