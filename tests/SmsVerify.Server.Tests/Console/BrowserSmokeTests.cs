namespace SmsVerify.Server.Tests.Console;

/// <summary>The browser chain end to end: the whole server on a loopback port, Debian's Chromium, Playwright.</summary>
[Collection("browser")]
public sealed class BrowserSmokeTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task Chromium_OpensTheServersPages_AndShowsTheHealthCheckAndTheOpenApiDocument()
    {
        var page = await browser.NewPageAsync(server.BaseUrl);
        await using var context = page.Context;
        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("() => navigator.language"));

        var health = await page.GotoAsync("/healthz");
        Assert.Equal(200, health!.Status);
        Assert.Equal("Healthy", (await page.Locator("body").InnerTextAsync()).Trim());

        var document = await page.GotoAsync("/openapi/v1.json");
        Assert.Equal(200, document!.Status);
        var text = await page.Locator("body").InnerTextAsync();
        Assert.Contains("\"openapi\"", text, StringComparison.Ordinal);
        Assert.Contains("\"/v1/verifications\"", text, StringComparison.Ordinal);

        var picture = await page.ScreenshotAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], picture[..4]);
    }
}
