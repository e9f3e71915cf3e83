using System.Net;
using Microsoft.Playwright;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>
/// The console as people use it, in Debian's Chromium: sign in with a TOTP code, review a qualification with its
/// licence shown, reject a template with a reason the tenant then reads through the API, switch the language, and
/// be refused a page one's role may not open. With SMSVERIFY_SCREENSHOTS=1 the pages are saved for docs/console.md.
/// </summary>
[Collection("browser")]
public sealed class ConsoleJourneyTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private SmsVerifyApp App => server.App;

    private Task<IPage> SignedInPageAsync(string role) => browser.SignedInPageAsync(App, server.BaseUrl, role, "/console/review");

    [BrowserFact]
    public async Task Auditor_SignsInWithACode_SeesTheLicence_AndApprovesTheQualification()
    {
        var tenant = await App.CreateTenantAsync();
        var id = (await (await tenant.Http.PostAsync("/v1/qualifications", Submissions.Enterprise(licence: LicenceImage.Png())))
            .OkAsync(HttpStatusCode.Created)).Str("id");

        var page = await SignedInPageAsync("auditor");
        await using var context = page.Context;

        Assert.EndsWith("/console/review", page.Url);
        await BrowserFixture.SaveScreenshotAsync(page, "review-queue");
        await page.ClickAsync($"a[href='/console/review/{id}']");
        Assert.Equal("待审核", (await page.Locator("[data-status]").InnerTextAsync()).Trim());
        var licence = page.Locator("img[alt=licence]");
        await licence.WaitForAsync();
        Assert.Equal(320, await licence.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1"));
        await BrowserFixture.SaveScreenshotAsync(page, "review-item");

        await page.FillAsync("#note", "营业执照与国家企业信用信息公示系统一致。");
        await page.ClickAsync("button:has-text('通过')");

        Assert.Equal("approved", await page.Locator("[data-status]").GetAttributeAsync("data-status"));
        Assert.Equal("live", (await (await App.Operator().GetAsync($"/v1/tenants/{tenant.Id}")).OkAsync()).Str("mode"));
        var trail = await (await App.Operator().GetAsync($"/v1/audit?target=qualification:{id}")).OkAsync();
        Assert.StartsWith("operator:auditor-", trail.EnumerateArray().Last().Str("actor"));
    }

    [BrowserFact]
    public async Task Auditor_RejectsATemplate_WithAListedReason_ThatTheTenantReads()
    {
        var tenant = await App.CreateTenantAsync();
        var code = (await (await tenant.Http.PostJsonAsync("/v1/templates",
            new { name = "订单通知", type = "notification", content = "您的订单${order}已发货，请注意查收。", scenario = "订单发货后通知买家" }))
            .OkAsync(HttpStatusCode.Created)).Str("code");
        var page = await SignedInPageAsync("auditor");
        await using var context = page.Context;

        await page.GotoAsync("/console/review?kind=template");
        await page.Locator("tr", new() { HasText = "模板" }).Last.Locator("a").ClickAsync();
        Assert.Contains(code, await page.Locator("main").InnerTextAsync());
        await page.ClickAsync("button:has-text('驳回')");
        Assert.Contains("驳回需要填写理由", await page.Locator("[role=alert]").InnerTextAsync());
        await page.SelectOptionAsync("#reasonPick", new SelectOptionValue { Label = "使用场景与内容不符。" });
        await page.ClickAsync("button:has-text('驳回')");

        Assert.Equal("rejected", await page.Locator("[data-status]").GetAttributeAsync("data-status"));
        var seen = await (await tenant.Http.GetAsync($"/v1/templates/{code}")).OkAsync();
        Assert.Equal(("rejected", "使用场景与内容不符。"), (seen.Str("status"), seen.Str("decisionNote")));
    }

    [BrowserFact]
    public async Task TheLanguage_Switches_AndStaysSwitched()
    {
        var page = await SignedInPageAsync("auditor");
        await using var context = page.Context;
        Assert.Equal("审核队列", (await page.Locator("h1").InnerTextAsync()).Trim());

        await page.ClickAsync("a:has-text('English')");

        Assert.Equal("Review queue", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.GotoAsync("/console");
        Assert.Equal("Overview", (await page.Locator("h1").InnerTextAsync()).Trim());
        await BrowserFixture.SaveScreenshotAsync(page, "overview-en");
    }

    [BrowserFact]
    public async Task RiskOfficer_IsRefusedTheReviewQueue_AndSignsOut()
    {
        var page = await SignedInPageAsync("risk");
        await using var context = page.Context;

        Assert.Equal("无权访问", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("nav a[href='/console/review']").CountAsync());

        await page.ClickAsync("button:has-text('退出')");
        await page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", page.Url);
    }
}
