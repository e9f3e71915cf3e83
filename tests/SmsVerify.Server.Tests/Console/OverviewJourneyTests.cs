using System.Globalization;
using Microsoft.Playwright;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>The overview in Chromium: its charts and figures reflect verifications just sent through the API.</summary>
[Collection("browser")]
public sealed class OverviewJourneyTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private SmsVerifyApp App => server.App;

    [BrowserFact]
    public async Task Admin_SeesTheChart_ReflectMessagesJustSent()
    {
        // A sandbox tenant's test numbers: each code is delivered at once, through the "sandbox" channel.
        var tenant = await App.CreateTenantAsync();
        string[] phones = ["+8613800138001", "+8613800138002", "+8613000130003"];
        var ids = new List<string>();
        foreach (var phone in phones)
        {
            await tenant.RegisterNumberAsync(phone);
            ids.Add((await tenant.StartOkAsync(phone)).Str("id"));
        }
        // Two of the three people type their code.
        for (var i = 0; i < 2; i++)
        {
            await (await tenant.CheckAsync(ids[i], await tenant.LatestCodeAsync(phones[i]))).OkAsync();
        }

        var page = await browser.SignedInPageAsync(App, server.BaseUrl, "auditor", "/console");
        await using var context = page.Context;

        Assert.Equal(3, await SeriesTotalAsync(page, "已送达"));
        Assert.Equal(0, await SeriesTotalAsync(page, "失败"));
        Assert.Equal("100%", await FigureAsync(page, "delivery-rate"));
        Assert.Equal("66.7%", await FigureAsync(page, "conversion"));
        Assert.Equal("3", (await page.Locator("[data-shares=channel] tr[data-name=sandbox] td").Nth(1).InnerTextAsync()).Trim());
        // Both approved codes went to China Mobile numbers, the unanswered one to China Unicom.
        Assert.Equal("100%", (await page.Locator("[data-shares=carrier] tr[data-name=ChinaMobile] td").Nth(3).InnerTextAsync()).Trim());
        Assert.Equal("0%", (await page.Locator("[data-shares=carrier] tr[data-name=ChinaUnicom] td").Nth(3).InnerTextAsync()).Trim());
        Assert.Equal("0", await FigureAsync(page, "queued"));
        await BrowserFixture.SaveScreenshotAsync(page, "overview");

        await page.ClickAsync("a[href='/console?range=day']");
        Assert.Equal("day", await page.Locator("[data-range]").GetAttributeAsync("data-range"));
        Assert.Equal(24, (await ValuesAsync(page, "已送达")).Count);
        Assert.Equal(3, await SeriesTotalAsync(page, "已送达"));
    }

    private static async Task<List<double>> ValuesAsync(IPage page, string series) =>
        [.. (await page.Locator($"g[data-series='{series}']").GetAttributeAsync("data-values"))!
            .Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    private static async Task<double> SeriesTotalAsync(IPage page, string series) => (await ValuesAsync(page, series)).Sum();

    private static async Task<string> FigureAsync(IPage page, string name) =>
        (await page.Locator($"[data-figure={name}]").InnerTextAsync()).Trim();
}
