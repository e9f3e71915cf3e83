using System.Net;
using Microsoft.Playwright;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>
/// A risk officer in Chromium: scores a text and reads its reasons marked, trips a breaker over a tenant whose next
/// send the API then refuses, and resets it so the send goes; an auditor verifies the audit chain.
/// </summary>
[Collection("browser")]
public sealed class RiskJourneyTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private const string RealNumber = "+8613912345678";

    private SmsVerifyApp App => server.App;

    private Task<IPage> SignedInPageAsync(string role, string path) => browser.SignedInPageAsync(App, server.BaseUrl, role, path);

    [BrowserFact]
    public async Task RiskOfficer_ScoresAText_TripsABreakerOverATenant_ThenResetsIt()
    {
        var sender = await App.CreateLiveSenderAsync();
        await App.TopUpAsync(sender.Tenant.Id, 100m);
        var page = await SignedInPageAsync("risk", "/console/risk/score");
        await using var context = page.Context;

        await page.FillAsync("#text", "加微信 abc12345 领取优惠券");
        await page.ClickAsync("button:has-text('评分')");
        var marked = page.Locator("#marked mark");
        Assert.True(await marked.CountAsync() >= 2);
        var reasons = await page.Locator("#marked mark").EvaluateAllAsync<string[]>("marks => marks.map(m => m.dataset.reasons + '=' + m.textContent)");
        Assert.Contains(reasons, r => r.StartsWith("contact_handle", StringComparison.Ordinal) || r.Contains("contact_handle=", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("marketing_wording", StringComparison.Ordinal));
        Assert.NotEqual("legitimate", await page.Locator("#verdict-card").GetAttributeAsync("data-label"));
        await BrowserFixture.SaveScreenshotAsync(page, "risk-score");

        await page.ClickAsync("a:has-text('熔断与号段封禁')");
        await page.FillAsync("#tenantId", sender.Tenant.Id.ToString());
        await page.SelectOptionAsync("#scope", "tenant");
        await page.FillAsync("#tripReason", "运营商投诉：该租户发送营销内容。");
        await page.ClickAsync("button:has-text('开启熔断')");
        var row = page.Locator($"tr[data-tenant='{sender.Tenant.Id}'][data-status=open]");
        Assert.Contains("运营商投诉", await row.InnerTextAsync());
        await BrowserFixture.SaveScreenshotAsync(page, "risk");

        var refused = await (await sender.StartAsync(RealNumber)).ProblemAsync(HttpStatusCode.Locked, "sending_suspended");
        Assert.Equal("tenant", refused.Str("scope"));

        await row.Locator("input[name=reason]").FillAsync("已与租户核实，恢复发送。");
        await row.Locator("button:has-text('重置')").ClickAsync();
        await page.Locator($"tr[data-tenant='{sender.Tenant.Id}'][data-status=reset]").WaitForAsync();
        await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);
    }

    [BrowserFact]
    public async Task Auditor_SearchesTheTrail_AndVerifiesTheChain()
    {
        var tenant = await App.CreateTenantAsync(name: "审计示例租户");
        var page = await SignedInPageAsync("auditor", "/console/audit");
        await using var context = page.Context;

        await page.ClickAsync("#verify");
        Assert.Equal("true", await page.Locator("#verification").GetAttributeAsync("data-valid"));
        await BrowserFixture.SaveScreenshotAsync(page, "audit");

        await page.FillAsync("#action", "tenant.");
        await page.ClickAsync("button:has-text('搜索')");
        var actions = await page.Locator("#records tr[data-action]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)");
        Assert.All(actions, a => Assert.StartsWith("tenant.", a));
        Assert.Contains($"tenant:{tenant.Id}", await page.Locator("#records").InnerTextAsync());
    }
}
