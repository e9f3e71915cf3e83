using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Autofill;

/// <summary>
/// WebOTP lines in verification templates, judged against the tenant's approved websites, and SMS Retriever hashes on
/// a verification, judged against its approved apps: what the tenant sees in pre-check, in the sent text and in the
/// sandbox inbox.
/// </summary>
public sealed class AutofillApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string TestNumber = "+8613800000001";
    private const string Text = "您正在登录某某商城，验证码为${code}，5分钟内有效。";

    [Fact]
    public async Task Precheck_WebOtpLine_PassesForTheApprovedDomainAndItsSubdomains_AndOtherHostsAreRefused()
    {
        var sender = await app.CreateLiveSenderAsync();
        var pending = await FindingsAsync(sender.Tenant, $"{Text}\n\n@{ApprovedApps.Domain} #${{code}}");
        await sender.Tenant.ApproveWebsiteAsync(app);

        Assert.Equal(["webotp_host_not_approved"], pending);
        Assert.Empty(await FindingsAsync(sender.Tenant, $"{Text}\n\n@{ApprovedApps.Domain} #${{code}}"));
        Assert.Empty(await FindingsAsync(sender.Tenant, $"{Text}\n\n@login.{ApprovedApps.Domain} #${{code}}"));
        Assert.Empty(await FindingsAsync(sender.Tenant, $"{Text}\n@{ApprovedApps.Domain} #${{code}} %pay.{ApprovedApps.Domain}"));
        Assert.Equal(["webotp_host_not_approved"], await FindingsAsync(sender.Tenant, $"{Text}\n\n@evil.com #${{code}}"));
        Assert.Equal(["webotp_host_not_approved"], await FindingsAsync(sender.Tenant, $"{Text}\n\n@{ApprovedApps.Domain} #${{code}} %evil.com"));
        Assert.Equal(["webotp_not_last_line"], await FindingsAsync(sender.Tenant, $"{Text}\n\n@{ApprovedApps.Domain} #${{code}}\n"));
        // The approved domain in the text above the line is still a link, which verification templates do not carry.
        Assert.Equal(["link_not_allowed"], await FindingsAsync(sender.Tenant, $"登录 {ApprovedApps.Domain}，验证码为${{code}}，5分钟内有效。\n@{ApprovedApps.Domain} #${{code}}"));
    }

    [Fact]
    public async Task Verification_WithAWebOtpTemplateAndAnAppHash_ArrivesWithTheHashAboveTheWebOtpLine_AndTheInboxNamesBoth()
    {
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.ApproveWebsiteAsync(app);
        await sender.Tenant.ApproveAndroidAppAsync(app, ApprovedApps.Hash);
        var template = await sender.Tenant.CreateApprovedTemplateAsync(app, $"{Text}\n\n@{ApprovedApps.Domain} #${{code}}");
        await sender.Tenant.RegisterNumberAsync(TestNumber);

        await (await sender.Http.PostJsonAsync("/v1/verifications", new { to = TestNumber, signature = sender.Signature, template, appHash = ApprovedApps.Hash }))
            .OkAsync(HttpStatusCode.Created);

        var message = (await sender.Tenant.InboxAsync(TestNumber))[0];
        var code = message.Str("code");
        Assert.EndsWith($"5分钟内有效。\n\n{ApprovedApps.Hash}\n@{ApprovedApps.Domain} #{code}", message.Str("text"));
        Assert.Equal(($"https://{ApprovedApps.Domain}", ApprovedApps.Hash), (message.Str("webOtpOrigin"), message.Str("appHash")));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("webOtpEmbeddedOrigin").ValueKind);
    }

    [Fact]
    public async Task Verification_WithTheHashOfAnApprovedApp_CarriesItOnItsLastLine()
    {
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.ApproveAndroidAppAsync(app, "abc/DEF1234", ApprovedApps.Hash);
        await sender.Tenant.RegisterNumberAsync(TestNumber);

        await (await sender.StartAsync(TestNumber, appHash: ApprovedApps.Hash)).OkAsync(HttpStatusCode.Created);

        var message = (await sender.Tenant.InboxAsync(TestNumber))[0];
        Assert.EndsWith("\n" + ApprovedApps.Hash, message.Str("text"));
        Assert.Equal(ApprovedApps.Hash, message.Str("appHash"));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("webOtpOrigin").ValueKind);
        Assert.Contains(message.Str("code"), message.Str("text"));
    }

    [Fact]
    public async Task Verification_WithAHashOfNoApprovedApp_IsRefused_AndNothingIsSent()
    {
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.RegisterNumberAsync(TestNumber);
        await sender.Tenant.SubmitAndroidAppAsync("pending0000");
        var website = await sender.Tenant.ApproveWebsiteAsync(app);
        await sender.Tenant.ApproveAndroidAppAsync(app, ApprovedApps.Hash);

        await (await sender.StartAsync(TestNumber, appHash: "unknown0000")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "app_hash_not_approved");
        await (await sender.StartAsync(TestNumber, appHash: "pending0000")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "app_hash_not_approved");
        var malformed = await (await sender.StartAsync(TestNumber, appHash: "short")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("appHash", malformed.Str("field"));
        // A template tied to the website takes only that application's hashes: the app's is another application's.
        var tied = await sender.Tenant.CreateApprovedTemplateAsync(app, "您正在登录某某商城网站，验证码为${code}，5分钟内有效。", applicationId: website);
        await (await sender.Http.PostJsonAsync("/v1/verifications", new { to = TestNumber, signature = sender.Signature, template = tied, appHash = ApprovedApps.Hash }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "app_hash_not_approved");

        Assert.Equal(0, (await sender.Tenant.InboxAsync(TestNumber)).GetArrayLength());
    }

    private static async Task<List<string>> FindingsAsync(TestTenant tenant, string content)
    {
        var precheck = await (await tenant.Http.PostJsonAsync("/v1/templates/precheck",
            new { name = "网页登录", type = "verification", content, scenario = "用户在网页登录时发送" })).OkAsync();
        return [.. precheck.GetProperty("findings").EnumerateArray().Select(f => f.Str("code"))];
    }
}
