using System.Net;
using Microsoft.Playwright;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>
/// An admin's work in Chromium: find a tenant by name, top it up and suspend it (its next send through the API is
/// refused); create an auditor whose second factor is shown once, and who then signs in with a code from it.
/// </summary>
[Collection("browser")]
public sealed class ConsoleAdminJourneyTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private const string TestNumber = "+8613800000099";

    private SmsVerifyApp App => server.App;

    private Task<IPage> SignInAtAsync(ConsolePerson person, string path) => browser.SignInAtAsync(App, server.BaseUrl, person, path);

    [BrowserFact]
    public async Task Admin_FindsATenant_TopsItUp_AndSuspendsIt_SoItsSendIsRefused()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await App.CreateTenantAsync(name: $"华北物流 {tag}", kind: "personal");
        var tenant = await App.CreateTenantAsync(name: $"华南贸易有限公司 {tag}");
        await tenant.RegisterNumberAsync(TestNumber);
        await (await tenant.Http.PostAsync("/v1/qualifications", Submissions.Enterprise(licence: LicenceImage.Png()))).OkAsync(HttpStatusCode.Created);
        var page = await SignInAtAsync(await App.CreatePersonAsync("admin"), "/console/tenants");
        await using var context = page.Context;

        await page.FillAsync("#name", "华南贸易");
        await page.ClickAsync("button:has-text('搜索')");
        Assert.Equal(1, await page.Locator($"tr[data-tenant='{tenant.Id}']").CountAsync());
        await BrowserFixture.SaveScreenshotAsync(page, "tenants");
        await page.ClickAsync($"a[href='/console/tenants/{tenant.Id}']");
        Assert.Contains("华南贸易有限公司", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await page.Locator("a:has-text('资质')").CountAsync());

        await page.FillAsync("#amount", "10.00");
        await page.ClickAsync("button:has-text('充值')");
        Assert.Contains("10.00 元", await page.Locator("[data-balance]").InnerTextAsync());
        await page.ClickAsync("button:has-text('暂停')");

        Assert.Equal("true", await page.Locator("[data-suspended]").GetAttributeAsync("data-suspended"));
        Assert.Contains("已暂停", await page.Locator("[data-suspended]").InnerTextAsync());
        await BrowserFixture.SaveScreenshotAsync(page, "tenant");
        await (await tenant.StartAsync(TestNumber)).ProblemAsync(HttpStatusCode.Forbidden, "tenant_suspended");
        Assert.Equal(10m, (await (await tenant.Http.GetAsync("/v1/balance")).OkAsync()).GetProperty("balance").GetDecimal());
    }

    [BrowserFact]
    public async Task Admin_CreatesAnAuditor_WhoseSecretIsShownOnce_AndWhoSignsInWithIt()
    {
        var page = await SignInAtAsync(await App.CreatePersonAsync("admin"), "/console/operators");
        await using var context = page.Context;
        var userName = $"wang.fang-{Guid.NewGuid():N}"[..16];

        await page.FillAsync("#userName", userName);
        await page.FillAsync("#displayName", "王芳");
        await page.SelectOptionAsync("#role", "auditor");
        await page.FillAsync("#password", ConsolePeople.Password);
        await page.ClickAsync("button:has-text('创建')");

        var secret = (await page.Locator("#secret").InnerTextAsync()).Trim();
        var uri = (await page.Locator("#otpauth").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-7]+=*$", secret);
        Assert.StartsWith($"otpauth://totp/SmsVerify:{userName}?", uri);
        Assert.Contains($"secret={secret}", uri);
        Assert.Equal(1, await page.Locator($"tr[data-operator='{userName}']").CountAsync());
        await BrowserFixture.SaveScreenshotAsync(page, "operators");
        await page.GotoAsync("/console/operators");
        Assert.Equal(0, await page.Locator("#secret").CountAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync());

        var auditor = new ConsolePerson("", userName, ConsolePeople.Password, secret, "auditor");
        var auditorPage = await SignInAtAsync(auditor, "/console/review");
        await using var auditorContext = auditorPage.Context;
        Assert.Equal("审核队列", (await auditorPage.Locator("h1").InnerTextAsync()).Trim());
    }
}
