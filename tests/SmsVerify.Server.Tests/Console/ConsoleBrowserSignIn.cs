using Microsoft.Playwright;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

public static class ConsoleBrowserSignIn
{
    /// <summary>A new person of <paramref name="role"/> signed in through the sign-in page, then sent to <paramref name="path"/>.</summary>
    public static async Task<IPage> SignedInPageAsync(this BrowserFixture browser, SmsVerifyApp app, string baseUrl, string role, string path)
    {
        var person = await app.CreatePersonAsync(role);
        var page = await browser.NewPageAsync(baseUrl);
        await page.GotoAsync(path);
        await page.FillAsync("#userName", person.UserName);
        await page.FillAsync("#password", person.Password);
        await page.FillAsync("#code", person.CodeAt(app.Clock.GetUtcNow()));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith(path, StringComparison.Ordinal));
        return page;
    }
}
