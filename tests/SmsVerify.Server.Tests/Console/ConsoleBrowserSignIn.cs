using Microsoft.Playwright;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

public static class ConsoleBrowserSignIn
{
    /// <summary>
    /// A new person of <paramref name="role"/> opens <paramref name="path"/>, is sent to the sign-in page, signs in with
    /// a code from their authenticator and lands where they were going (a refused role lands on "not allowed").
    /// </summary>
    public static async Task<IPage> SignedInPageAsync(this BrowserFixture browser, SmsVerifyApp app, string baseUrl, string role, string path) =>
        await browser.SignInAtAsync(app, baseUrl, await app.CreatePersonAsync(role), path);

    /// <summary>The same for a person made earlier (one whose second factor a page just showed).</summary>
    public static async Task<IPage> SignInAtAsync(this BrowserFixture browser, SmsVerifyApp app, string baseUrl, ConsolePerson person, string path)
    {
        var page = await browser.NewPageAsync(baseUrl);
        await page.GotoAsync(path);
        Assert.Contains("/console/sign-in?ReturnUrl=", page.Url);
        await page.FillAsync("#userName", person.UserName);
        await page.FillAsync("#password", person.Password);
        await page.FillAsync("#code", person.CodeAt(app.Clock.GetUtcNow()));
        await BrowserFixture.SaveScreenshotAsync(page, "sign-in");
        await page.ClickAsync("button[type=submit]");
        try
        {
            await page.WaitForURLAsync(url => url.EndsWith(path, StringComparison.Ordinal) || url.Contains("/console/denied", StringComparison.Ordinal),
                new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            // Say where the browser is and what the page says, so a sign-in that failed is told from one that was slow.
            throw new TimeoutException($"Sign-in of {person.UserName} did not reach {path}: the page is {page.Url}, saying "
                + $"\"{await page.Locator("body").InnerTextAsync()}\"", e);
        }
        await page.WaitForLoadStateAsync(LoadState.Load);
        return page;
    }
}
