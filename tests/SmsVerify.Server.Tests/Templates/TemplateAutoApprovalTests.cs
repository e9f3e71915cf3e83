using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Templates;

public sealed class TemplateAutoApprovalTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Clean = "您的登录验证码为${code}，5分钟内有效，请勿泄露给他人。";

    private static object Template(string content, string type = "verification") =>
        new { name = "登录验证", type, content, scenario = "用户登录时验证手机号" };

    private static async Task<TestTenant> ApprovedEnterpriseAsync(SmsVerifyApp app)
    {
        var tenant = await app.CreateTenantAsync();
        var qualification = await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        await (await (await app.AuditorAsync()).PostJsonAsync($"/v1/review/items/{qualification}/approve", new { })).OkAsync();
        return tenant;
    }

    [Fact]
    public async Task CleanVerificationTemplate_OfAnApprovedEnterprise_IsApprovedAtOnce_AndAudited()
    {
        var tenant = await ApprovedEnterpriseAsync(app);

        var created = await (await tenant.Http.PostJsonAsync("/v1/templates", Template(Clean))).OkAsync(HttpStatusCode.Created);

        Assert.Equal("approved", created.Str("status"));
        var approval = await app.WithDbAsync(db => db.AuditRecords.AsNoTracking()
            .SingleAsync(r => r.TenantId == tenant.Id && r.Action == "template.approved"));
        Assert.Equal("system:auto_approval", approval.Actor);
    }

    [Fact]
    public async Task Warnings_Notifications_AndSandboxTenants_StillWaitForAPerson()
    {
        var tenant = await ApprovedEnterpriseAsync(app);
        var sandbox = await app.CreateTenantAsync();

        var warned = await (await tenant.Http.PostJsonAsync("/v1/templates", Template("您的验证码是${code}"))).OkAsync(HttpStatusCode.Created);
        var notification = await (await tenant.Http.PostJsonAsync("/v1/templates", Template("您的订单已发货，请注意查收。", "notification"))).OkAsync(HttpStatusCode.Created);
        var unqualified = await (await sandbox.Http.PostJsonAsync("/v1/templates", Template(Clean))).OkAsync(HttpStatusCode.Created);

        Assert.Equal("warning", warned.GetProperty("findings")[0].Str("severity"));
        Assert.Equal(["pending_review", "pending_review", "pending_review"], [warned.Str("status"), notification.Str("status"), unqualified.Str("status")]);
    }

    [Fact]
    public async Task AutoApproval_SwitchedOff_SendsEveryTemplateToTheQueue()
    {
        await using var strict = await SmsVerifyApp.StartAsync(new() { ["Templates:AutoApprove"] = "false" });
        var tenant = await ApprovedEnterpriseAsync(strict);

        var created = await (await tenant.Http.PostJsonAsync("/v1/templates", Template(Clean))).OkAsync(HttpStatusCode.Created);

        Assert.Equal("pending_review", created.Str("status"));
    }
}
