using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>
/// A server with an SMPP channel whose SMSC nobody answers: real messages wait for it, none is "delivered" by the
/// sandbox carrier, and test numbers still get theirs.
/// </summary>
public sealed class NoCarrierUpTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678";
    private const string TestNumber = "+8613812345678";

    private readonly RefusingPort _carrier = new();
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(new()
    {
        ["Channels:0:Name"] = "cmcc",
        ["Channels:0:Host"] = "127.0.0.1",
        ["Channels:0:Port"] = _carrier.Port.ToString(CultureInfo.InvariantCulture),
        ["Channels:0:SystemId"] = CarrierSmsc.SystemId,
        ["Channels:0:Password"] = CarrierSmsc.Password,
        ["Channels:0:SourceAddress"] = "1069000",
    });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _carrier.DisposeAsync();
    }

    [Fact]
    public async Task RealNumber_StaysQueued_NeverDeliveredBySandboxCarrier_AndChannelsSayWhy()
    {
        var sender = await _app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await _app.TopUpAsync(sender.Tenant.Id, 1m);
        var sent = await (await sender.SendAsync(template, new { order = "7" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);
        var id = sent.GetProperty("messages")[0].GetProperty("id").GetGuid();

        // The worker tried it (the bind had failed by then) and found no channel to take it.
        await Wait.Until(async () => await _app.WithDbAsync(db => db.Messages.AnyAsync(m => m.Id == id && m.ErrorCode == "no_channel")), "a try");
        var message = await _app.WithDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));
        // Finding no channel spends no attempt: the message waits for one.
        Assert.Equal((MessageStatus.Queued, null, 0), (message.Status, message.Channel, message.Attempts));
        var seen = await (await sender.Http.GetAsync($"/v1/messages/{id}")).OkAsync();
        Assert.Equal("queued", seen.Str("status"));

        var channels = (await (await _app.Operator().GetAsync("/v1/channels")).OkAsync()).EnumerateArray().ToList();
        var cmcc = channels.Single(c => c.Str("name") == "cmcc");
        Assert.NotEqual("up", cmcc.Str("state"));
        Assert.StartsWith("bind failed", cmcc.Str("lastError"), StringComparison.Ordinal);
        var sandbox = channels.Single(c => c.Str("name") == "sandbox");
        Assert.Equal("down", sandbox.Str("state"));
        Assert.Contains("Sandbox:CarrierFallback", sandbox.Str("lastError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestNumber_StillGetsItsCode()
    {
        var sender = await _app.CreateLiveSenderAsync();
        await sender.Tenant.RegisterNumberAsync(TestNumber);

        await (await sender.StartAsync(TestNumber)).OkAsync(HttpStatusCode.Created);

        Assert.Single((await sender.Tenant.InboxAsync(TestNumber)).EnumerateArray());
    }
}
