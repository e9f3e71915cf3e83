using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>GET /v1/channels on the real server, with one channel bound to an in-process SMSC.</summary>
public sealed class ChannelsApiTests : IAsyncLifetime
{
    private readonly SmppServer _smsc = new SmppServer(handler: new CarrierSmsc()).Start();
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync()
    {
        var settings = CmccChannel();
        settings["Channels:0:Priority"] = "10";
        settings["Channels:1:Name"] = "spare";
        settings["Channels:1:Host"] = "127.0.0.1";
        settings["Channels:1:SystemId"] = "spare";
        settings["Channels:1:Enabled"] = "false";
        _app = await SmsVerifyApp.StartAsync(settings);
    }

    /// <summary>One channel, "cmcc", for China Mobile numbers, bound to the in-process SMSC.</summary>
    private Dictionary<string, string?> CmccChannel() => new()
    {
        ["Channels:0:Name"] = "cmcc",
        ["Channels:0:Host"] = "127.0.0.1",
        ["Channels:0:Port"] = _smsc.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Channels:0:SystemId"] = CarrierSmsc.SystemId,
        ["Channels:0:Password"] = CarrierSmsc.Password,
        ["Channels:0:Carriers:0"] = "ChinaMobile",
    };

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smsc.DisposeAsync();
    }

    [Fact]
    public async Task Operator_SeesEveryChannelWithItsStateAndCounters()
    {
        var operatorClient = _app.Operator();
        JsonElement cmcc = default;
        await Wait.Until(async () =>
        {
            cmcc = Find(await (await operatorClient.GetAsync("/v1/channels")).OkAsync(), "cmcc");
            return cmcc.Str("state") == "up";
        }, "cmcc to bind");

        Assert.Equal("smpp", cmcc.Str("kind"));
        Assert.Equal((1, 1, 10), (cmcc.Int("bindsUp"), cmcc.Int("bindsTotal"), cmcc.Int("priority")));
        Assert.Equal(["china_mobile"], cmcc.GetProperty("carriers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("closed", cmcc.Str("breaker"));
        Assert.Equal(0, cmcc.GetProperty("submitted").GetInt64());
        Assert.Equal(0, cmcc.GetProperty("throughput").GetDouble());
        Assert.Equal(0, cmcc.Int("queued"));
        var bind = Assert.Single(cmcc.GetProperty("binds").EnumerateArray());
        Assert.Equal(("transceiver", "up"), (bind.Str("mode"), bind.Str("state")));

        var list = await (await operatorClient.GetAsync("/v1/channels")).OkAsync();
        Assert.Equal(["cmcc", "spare", "sandbox"], list.EnumerateArray().Select(c => c.Str("name")));
        Assert.Equal("down", Find(list, "spare").Str("state"));
        // With SMPP channels configured the sandbox carrier stands by: real messages wait for a real carrier.
        var sandbox = Find(list, "sandbox");
        Assert.Equal(("sandbox", "down"), (sandbox.Str("kind"), sandbox.Str("state")));
    }

    [Fact]
    public async Task QueuedMessages_CountTowardsTheChannelTheRouterWouldPick_AndTheQueueByCarrier()
    {
        // No worker: what is sent stays queued, as it would behind a slow or broken carrier.
        var settings = CmccChannel();
        settings["Delivery:RunWorker"] = "false";
        settings["Sandbox:CarrierEnabled"] = "false";
        await using var app = await SmsVerifyApp.StartAsync(settings);
        var sender = await app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(app, Messaging.Notification, "notification");
        await app.TopUpAsync(sender.Tenant.Id, 1m);
        await (await sender.SendAsync(template, new { order = "7" }, "+8613800138001", "+8613900139002", "+8613000130003"))
            .OkAsync(HttpStatusCode.Accepted);
        var operatorClient = app.Operator();
        await Wait.Until(async () => Find(await (await operatorClient.GetAsync("/v1/channels")).OkAsync(), "cmcc").Str("state") == "up", "cmcc to bind");

        Assert.Equal(2, Find(await (await operatorClient.GetAsync("/v1/channels")).OkAsync(), "cmcc").Int("queued"));
        var queue = await (await operatorClient.GetAsync("/v1/channels/queue")).OkAsync();
        Assert.Equal((3, 3, 1), (queue.Int("queued"), queue.Int("due"), queue.Int("unroutable")));
        Assert.Equal(2, queue.GetProperty("byCarrier").GetProperty("china_mobile").GetInt32());
        Assert.Equal(1, queue.GetProperty("byCarrier").GetProperty("china_unicom").GetInt32());
        Assert.Equal(2, queue.GetProperty("byChannel").GetProperty("cmcc").GetInt32());
    }

    [Fact]
    public async Task TenantKey_IsRefused()
    {
        var tenant = await _app.CreateTenantAsync();
        await (await tenant.Http.GetAsync("/v1/channels")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static JsonElement Find(JsonElement list, string name) => list.EnumerateArray().Single(c => c.Str("name") == name);
}
