using Microsoft.Playwright;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// A tenant's people in Chromium: a developer sends a test code from the Sandbox page and watches it arrive in the
/// number's inbox without the page reloading; a viewer reads the message log, one message's way and the verifications.
/// </summary>
[Collection("browser")]
public sealed class SandboxBrowserTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private SmsVerifyApp App => server.App;

    [BrowserFact]
    public async Task Developer_SendsATestCode_AndItsMessageAppearsInTheInbox_WithoutAReload()
    {
        var tenant = await App.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800138101");
        await tenant.RegisterNumberAsync("+8613800138102", fixedCode: "246810");
        var page = await SignedInPageAsync(tenant.Id, "developer", "/app/sandbox");
        await using var context = page.Context;
        // Set on this document only: a reload or a new page would lose it.
        await page.EvaluateAsync("() => window.stillThisDocument = true");

        var phone = page.Locator("section[data-phone='+8613800138101']");
        await phone.Locator("form[data-send-code] button").ClickAsync();
        var code = phone.Locator("[data-inbox] li[data-message] mark.code");
        await code.WaitForAsync();

        Assert.Equal(await tenant.LatestCodeAsync("+8613800138101"), await code.InnerTextAsync());
        Assert.Contains("验证码已发送到 +8613800138101", await phone.Locator("[data-result]").InnerTextAsync());
        Assert.Equal("SmsVerify", await phone.Locator("[data-inbox] li[data-message] .from").InnerTextAsync());

        // A code sent through the API reaches the other number's inbox the same way, on the next poll.
        await tenant.StartOkAsync("+8613800138102");
        await page.Locator("section[data-phone='+8613800138102'] [data-inbox] mark.code", new() { HasTextString = "246810" }).WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillThisDocument === true"));
        await BrowserFixture.SaveScreenshotAsync(page, "app-sandbox");
    }

    [BrowserFact]
    public async Task Viewer_FindsAMessageInTheLog_OpensItsTimeline_AndReadsTheVerifications()
    {
        var tenant = await App.CreateTenantAsync();
        string[] phones = ["+8613800138201", "+8613800138202"];
        var ids = new List<string>();
        foreach (var phone in phones)
        {
            await tenant.RegisterNumberAsync(phone);
            ids.Add((await tenant.StartOkAsync(phone)).Str("id"));
        }
        await (await tenant.CheckAsync(ids[0], await tenant.LatestCodeAsync(phones[0]))).OkAsync();
        var page = await SignedInPageAsync(tenant.Id, "viewer", "/app/messages");
        await using var context = page.Context;

        Assert.Equal(2, await page.Locator("#messages tr[data-message]").CountAsync());
        Assert.Equal("50%", (await page.Locator("[data-figure=conversion]").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("form[method=post][action*=handler]").CountAsync());
        await BrowserFixture.SaveScreenshotAsync(page, "app-messages");

        await page.FillAsync("#to", "138 0013 8202");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("to=138", StringComparison.Ordinal));
        var row = page.Locator("#messages tr[data-message]");
        Assert.Equal(1, await row.CountAsync());
        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/app/messages/", StringComparison.Ordinal));
        Assert.Equal(["Accepted and queued", "Delivered to the test number's inbox"],
            await page.Locator("#timeline li").EvaluateAllAsync<string[]>("steps => steps.map(s => s.dataset.step)"));
        await BrowserFixture.SaveScreenshotAsync(page, "app-message");

        await page.GotoAsync("/app/messages?tab=verifications");
        Assert.Equal("approved", await page.Locator($"tr[data-verification='{ids[0]}']").GetAttributeAsync("data-status"));
        Assert.Equal("pending", await page.Locator($"tr[data-verification='{ids[1]}']").GetAttributeAsync("data-status"));
    }

    private Task<IPage> SignedInPageAsync(Guid tenantId, string role, string path) => browser.TenantSignedInPageAsync(server, tenantId, role, path);
}
