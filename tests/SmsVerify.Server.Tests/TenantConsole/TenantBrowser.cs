using Microsoft.Playwright;
using SmsVerify.Server.Tests.Console;

namespace SmsVerify.Server.Tests.TenantConsole;

public static class TenantBrowser
{
    /// <summary>A new person of the tenant joins through their invitation link in the browser, then opens <paramref name="path"/>.</summary>
    public static async Task<IPage> TenantSignedInPageAsync(this BrowserFixture browser, ConsoleServer server, Guid tenantId, string role, string path)
    {
        var link = await server.App.InviteAsync(tenantId, role, $"{role}-{Guid.NewGuid():N}"[..20] + "@example.com");
        var page = await browser.NewPageAsync(server.BaseUrl);
        await page.GotoAsync(link);
        await page.FillAsync("#displayName", $"A {role}");
        await page.FillAsync("#password", TenantPeople.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/app", StringComparison.Ordinal));
        await page.GotoAsync(path);
        return page;
    }
}
