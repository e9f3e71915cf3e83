using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Content;
using SmsVerify.Server.Content.Matching;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Content.Matching;

/// <summary>The matcher as the server builds it: from what review approved, for one tenant, forgotten when review changes it.</summary>
public sealed class TemplateMatchStoreTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Own = "【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。";

    private async Task<TemplateMatch> MatchAsync(Guid tenantId, string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var matcher = await scope.ServiceProvider.GetRequiredService<ContentResolver>()
            .MatcherAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), tenantId, CancellationToken.None);
        return matcher.Match(text, null, 35);
    }

    // A notification is never approved by the rules alone (TemplateAutoApproval), so it waits for an auditor.
    private static object Template(string content, string type) => new { name = "通知", type, content, scenario = "订单发货时通知" };

    [Fact]
    public async Task OnlyTheTenantsOwnApprovedContent_Matches_AndAnApprovalAppliesAtOnce()
    {
        var sender = await app.CreateLiveSenderAsync();
        var other = await app.CreateLiveSenderAsync("您正在注册某某商城，验证码为${code}，5分钟内有效，请勿泄露给他人。");
        await app.WithDbAsync(db => db.Signatures.Where(s => s.TenantId == other.Tenant.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, "别家科技")));
        var pending = await (await sender.Http.PostJsonAsync("/v1/templates", Template("尊敬的${name}，您的订单已发货，请注意查收。", "notification"))).OkAsync(HttpStatusCode.Created);
        var rejected = await (await sender.Http.PostJsonAsync("/v1/templates", Template("${code}", "verification"))).OkAsync(HttpStatusCode.Created);
        var unreviewed = await (await sender.Http.PostAsync("/v1/signatures", Submissions.Form(new() { ["name"] = "北京某某科技", ["source"] = "company", ["purpose"] = "general" })))
            .OkAsync(HttpStatusCode.Created);
        var refusedSignature = await (await sender.Http.PostAsync("/v1/signatures", Submissions.Form(new() { ["name"] = "某某商城", ["source"] = "company", ["purpose"] = "general" })))
            .OkAsync(HttpStatusCode.Created);
        Assert.Equal(("pending_review", "rejected"), (pending.Str("status"), rejected.Str("status")));
        Assert.Equal(("pending_review", "rejected"), (unreviewed.Str("status"), refusedSignature.Str("status")));

        Assert.Equal(sender.Template, (await MatchAsync(sender.Tenant.Id, Own)).Content?.Template);
        Assert.Equal("template_not_found", (await MatchAsync(sender.Tenant.Id, "【某某科技】尊敬的李雷，您的订单已发货，请注意查收。")).Refusal?.Type.Code);
        var bare = await MatchAsync(sender.Tenant.Id, "【某某科技】482913");
        Assert.Equal(("template_not_found", "某某科技"), (bare.Refusal?.Type.Code, bare.NamedSignature));
        Assert.Equal("template_not_found", (await MatchAsync(sender.Tenant.Id, "【某某科技】您正在注册某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。")).Refusal?.Type.Code);
        var unreviewedSignature = await MatchAsync(sender.Tenant.Id, "【北京某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。");
        Assert.Equal(("signature_not_found", "北京某某科技"), (unreviewedSignature.Refusal?.Type.Code, unreviewedSignature.NamedSignature));
        Assert.Equal("signature_not_found", (await MatchAsync(sender.Tenant.Id, "【某某商城】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。")).Refusal?.Type.Code);
        Assert.Equal("signature_not_found", (await MatchAsync(sender.Tenant.Id, "【别家科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。")).Refusal?.Type.Code);

        await app.ApproveTemplateAsync(pending.Str("code"));

        var approved = await MatchAsync(sender.Tenant.Id, "【某某科技】尊敬的李雷，您的订单已发货，请注意查收。");
        Assert.True(approved.Succeeded);
        Assert.Equal(pending.Str("code"), approved.Content?.Template);
    }

    [Theory]
    [InlineData("evil.cn", "content_rejected")]
    [InlineData("李雷95588", "content_rejected")]
    [InlineData("12345", "parameter_invalid")]
    public async Task MatchedText_IsRefusedByTheSendPipeline_AsTheNativeApiRefusesTheSameValues(string name, string code)
    {
        var sender = await app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(app, "尊敬的${name}，您的订单已发货，请注意查收。", "notification");
        var refused = await sender.SendAsync(template, new { name }, "+8613812345678");
        Assert.False(refused.IsSuccessStatusCode);
        var native = await refused.JsonAsync();

        var match = await MatchAsync(sender.Tenant.Id, $"【某某科技】尊敬的{name}，您的订单已发货，请注意查收。");
        Assert.Equal(template, match.Content?.Template);
        await using var scope = app.Services.CreateAsyncScope();
        var sent = await scope.ServiceProvider.GetRequiredService<SendPipeline>().SendAsync(
            new SendRequest(sender.Tenant.Id, TenantMode.Live, ["+8613812345678"], match.Content!.Signature, match.Content.Template, match.Values), null, CancellationToken.None);

        Assert.Equal((code, native.Str("detail")), (native.Str("code"), sent.Error?.Detail));
        Assert.Equal(code, sent.Error?.Type.Code);
        if (code == "content_rejected")
        {
            // Both refusals are evidence the breakers count.
            Assert.Equal(2, await app.WithDbAsync(db => db.Set<ContentViolation>().CountAsync(v => v.TenantId == sender.Tenant.Id)));
        }
    }
}
