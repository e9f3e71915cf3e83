using System.Net;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// Onboarding in Chromium: the steps with their state and reasons, and the template editor whose pre-check marks a
/// finding in the text while the developer types, before anything is submitted.
/// </summary>
[Collection("browser")]
public sealed class OnboardingBrowserTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private const string Link = "http://promo.example.com";

    private SmsVerifyApp App => server.App;

    [BrowserFact]
    public async Task Developer_SeesAFindingMarkedWhileTyping_FixesIt_AndSubmits()
    {
        var tenant = await App.CreateTenantAsync();
        var auditor = await App.AuditorAsync();
        var qualification = await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        await (await auditor.PostJsonAsync($"/v1/review/items/{qualification}/approve", new { })).OkAsync();
        await tenant.SubmitWebsiteAsync();
        var signature = await (await tenant.Http.PostAsync("/v1/signatures", Submissions.Form(new() { ["name"] = "某某科技", ["source"] = "company" })))
            .OkAsync(HttpStatusCode.Created);
        await (await auditor.PostJsonAsync($"/v1/review/items/{signature.Str("id")}/reject", new { reason = "签名与企业简称不符，请使用“某某”。" })).OkAsync();

        var page = await browser.TenantSignedInPageAsync(server, tenant.Id, "developer", "/app");
        await using var context = page.Context;
        Assert.Equal(["approved", "pending_review", "rejected", "none"],
            await page.Locator("ol.steps > li").EvaluateAllAsync<string[]>("steps => steps.map(s => s.dataset.status)"));
        Assert.Contains("签名与企业简称不符", await page.Locator("li[data-step='Signature'] [data-reason]").InnerTextAsync());
        await BrowserFixture.SaveScreenshotAsync(page, "app-onboarding");

        await page.Locator("li[data-step='Templates'] h2 a").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/app/onboarding/templates", StringComparison.Ordinal));
        await page.FillAsync("#name", "登录");
        await page.FillAsync("#scenario", "用户登录");
        await page.Locator("#content").PressSequentiallyAsync($"您的验证码为${{code}}，详情见 {Link}", new() { Delay = 15 });

        var mark = page.Locator("[data-precheck-preview] mark[data-finding='link_not_allowed']");
        await mark.WaitForAsync();
        Assert.Equal(Link, await mark.InnerTextAsync());
        Assert.False(string.IsNullOrEmpty(await mark.GetAttributeAsync("title")));
        Assert.Equal(1, await page.Locator("[data-precheck-findings] li[data-finding='link_not_allowed']").CountAsync());
        Assert.Equal("${code:code}", await page.Locator("[data-precheck-variables]").InnerTextAsync());
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/templates")).OkAsync()).EnumerateArray());
        await BrowserFixture.SaveScreenshotAsync(page, "app-onboarding-precheck");

        await page.FillAsync("#content", Senders.VerificationContent);
        await page.WaitForFunctionAsync("() => !document.querySelector('[data-precheck-preview] mark') && document.querySelector('[data-precheck-preview]').textContent.includes('5分钟')");
        await page.ClickAsync("form[data-precheck] button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("submitted=SMS_", StringComparison.Ordinal));
        var template = (await (await tenant.Http.GetAsync("/v1/templates")).OkAsync()).EnumerateArray().Single();
        Assert.Equal(Senders.VerificationContent, template.Str("content"));
        Assert.NotEqual("rejected", await page.Locator($"tr[data-template='{template.Str("code")}'] [data-status]").GetAttributeAsync("data-status"));
    }
}
