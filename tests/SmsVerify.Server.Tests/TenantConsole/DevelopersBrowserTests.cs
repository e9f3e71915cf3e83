using Microsoft.Playwright;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.SmppGateway;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// The Developers and Account pages in Chromium: a developer makes an API key, reads it the one time it is shown and
/// calls the API with it, sets the webhook and sends a test event that reaches the receiver signed, makes an SMPP
/// account whose password a gateway binds with; an owner reads the account.
/// </summary>
[Collection("browser")]
public sealed class DevelopersBrowserTests(BrowserFixture browser, ConsoleServer server) : IClassFixture<ConsoleServer>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    private SmsVerifyApp App => server.App;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [BrowserFact]
    public async Task Developer_MakesAKey_ReadsItOnce_AndSendsATestEvent()
    {
        var tenant = await App.CreateTenantAsync();
        var page = await browser.TenantSignedInPageAsync(server, tenant.Id, "developer", "/app/developers");
        await using var context = page.Context;

        await page.ClickAsync("#create-key");
        var key = (await page.Locator("#secret").InnerTextAsync()).Trim();
        Assert.StartsWith("sv_", key);
        await (await App.WithKey(key).GetAsync("/v1/api-keys")).OkAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "app-developers");
        await page.GotoAsync("/app/developers");
        Assert.Equal(0, await page.Locator("#secret").CountAsync());
        Assert.Equal(2, await page.Locator("#api-keys tr[data-key]").CountAsync());

        await page.GotoAsync("/app/developers/webhook");
        await page.FillAsync("#url", _receiver.Url);
        await page.ClickAsync("#webhook-form button[type=submit]");
        var secret = (await page.Locator("#webhook-secret").InnerTextAsync()).Trim();
        await page.ClickAsync("#send-test button");
        await page.Locator("#test-result[data-delivery]").WaitForAsync();
        await _receiver.NextAsync();
        var (body, signature, eventName) = Assert.Single(_receiver.Requests);
        Assert.Equal(TenantWebhooks.TestEvent, eventName);
        Assert.True(WebhookSigner.Verify(secret, body, signature));

        var delivery = await page.Locator("#test-result").GetAttributeAsync("data-delivery");
        await ReloadUntilAsync(page, $"tr[data-delivery='{delivery}'][data-status=delivered]");
        await BrowserFixture.SaveScreenshotAsync(page, "app-developers-webhook");
        await page.ClickAsync($"tr[data-delivery='{delivery}'] a");
        await page.WaitForURLAsync(url => url.Contains("/app/developers/deliveries/", StringComparison.Ordinal));
        Assert.Equal("1", await page.Locator("#delivery").GetAttributeAsync("data-attempts"));
    }

    [BrowserFact]
    public async Task Developer_MakesAnSmppAccount_BindsWithItsPassword_CorrectsABadChange_AndDeletesIt()
    {
        var tenant = await App.CreateTenantAsync();
        var page = await browser.TenantSignedInPageAsync(server, tenant.Id, "developer", "/app/developers/smpp");
        await using var context = page.Context;
        var systemId = "gw" + Guid.NewGuid().ToString("N")[..10];

        await page.FillAsync("#systemId", systemId);
        await page.FillAsync("#allowedAddresses", "127.0.0.1");
        await page.ClickAsync("#smpp-form button[type=submit]");
        var password = (await page.Locator("#smpp-password").InnerTextAsync()).Trim();
        await using (var gateway = App.SmppClient(systemId, password))
        {
            await gateway.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        await BrowserFixture.SaveScreenshotAsync(page, "app-developers-smpp");
        await page.GotoAsync("/app/developers/smpp");
        Assert.Equal(0, await page.Locator("#smpp-password").CountAsync());

        var row = page.Locator($"tr[data-system-id='{systemId}']");
        await row.Locator("a").ClickAsync();
        await page.FillAsync("#allowedAddresses", "127.0.0.1\n203.0.113.0/33");
        await page.ClickAsync("#smpp-form button[type=submit]");
        await page.Locator("[data-problem=invalid_argument][data-field=allowedAddresses]").WaitForAsync();
        await page.FillAsync("#allowedAddresses", "127.0.0.1\n203.0.113.0/24");
        await page.ClickAsync("#smpp-form button[type=submit]");
        await row.Locator("td[data-addresses='127.0.0.1/32 203.0.113.0/24']").WaitForAsync();

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("button.danger").ClickAsync();
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray());
    }

    [BrowserFact]
    public async Task Owner_ReadsBalanceUsageAndOptOuts_AndSetsTheSpendCap()
    {
        var tenant = await App.CreateTenantAsync();
        await App.TopUpAsync(tenant.Id, 200m);
        await tenant.RegisterNumberAsync("+8613800138301");
        await tenant.StartOkAsync("+8613800138301");
        var page = await browser.TenantSignedInPageAsync(server, tenant.Id, "owner", "/app/account");
        await using var context = page.Context;

        await page.FillAsync("#dailyLimit", "30");
        await page.ClickAsync("form[action*=SpendCap] button[type=submit]");
        await page.Locator("[data-figure=spend-cap]", new() { HasTextString = "¥30" }).WaitForAsync();
        Assert.Equal("¥200", (await page.Locator("[data-figure=balance]").InnerTextAsync()).Trim());
        await BrowserFixture.SaveScreenshotAsync(page, "app-account");
    }

    private static async Task ReloadUntilAsync(IPage page, string selector)
    {
        for (var i = 0; i < 100 && await page.Locator(selector).CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }
        Assert.Equal(1, await page.Locator(selector).CountAsync());
    }
}
