using System.Globalization;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.Tests.Console;

/// <summary>The server on a loopback port with one SMPP channel, "cmcc", bound to an in-process SMSC.</summary>
public sealed class SmppConsoleServer : IAsyncLifetime
{
    private readonly SmppServer _smsc = new SmppServer(handler: new CarrierSmsc()).Start();

    public SmsVerifyApp App { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App.Settings["Channels:0:Name"] = "cmcc";
        App.Settings["Channels:0:Host"] = "127.0.0.1";
        App.Settings["Channels:0:Port"] = _smsc.EndPoint.Port.ToString(CultureInfo.InvariantCulture);
        App.Settings["Channels:0:SystemId"] = CarrierSmsc.SystemId;
        App.Settings["Channels:0:Password"] = CarrierSmsc.Password;
        App.Settings["Channels:0:Carriers:0"] = "ChinaMobile";
        BaseUrl = $"http://{await App.StartOnLoopbackAsync()}";
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await _smsc.DisposeAsync();
    }
}

/// <summary>The channels page in Chromium, with an SMPP channel: the channel, its bind and their state.</summary>
[Collection("browser")]
public sealed class ChannelsJourneyTests(BrowserFixture browser, SmppConsoleServer server) : IClassFixture<SmppConsoleServer>
{
    [BrowserFact]
    public async Task Admin_SeesTheSmppChannel_ItsBindUp_AndTheQueueByCarrier()
    {
        var page = await browser.SignedInPageAsync(server.App, server.BaseUrl, "admin", "/console/channels");
        await using var context = page.Context;
        await Wait.Until(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("[data-channel=cmcc] [data-state]").GetAttributeAsync("data-state") == "up";
        }, "cmcc to bind");

        var cmcc = page.Locator("[data-channel=cmcc]");
        Assert.Contains("运行中", await cmcc.Locator("h2").InnerTextAsync());
        Assert.Equal("1 / 1", (await cmcc.Locator("[data-binds]").InnerTextAsync()).Trim());
        Assert.Equal("up", await cmcc.Locator("[data-bind-state]").GetAttributeAsync("data-bind-state"));
        Assert.Contains("transceiver", await cmcc.Locator("[data-binds-list]").InnerTextAsync());
        Assert.Contains("中国移动", await cmcc.InnerTextAsync());
        Assert.Equal(60, (await cmcc.Locator("g[data-series]").First.GetAttributeAsync("data-values"))!.Split(',').Length);
        // With an SMPP channel configured the sandbox carrier stands by.
        Assert.Equal("down", await page.Locator("[data-channel=sandbox] [data-state]").GetAttributeAsync("data-state"));
        await BrowserFixture.SaveScreenshotAsync(page, "channels");
    }
}
