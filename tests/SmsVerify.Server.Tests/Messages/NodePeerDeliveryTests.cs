using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Tests.NodePeer;

namespace SmsVerify.Server.Tests.Messages;

/// <summary>
/// The whole path against an SMSC written by others (the npm `smpp` package, started on loopback): the API queues,
/// the worker submits over SMPP, the peer reassembles the parts and sends receipts and a reply, and the server
/// settles the message and files the reply.
/// </summary>
public sealed class NodePeerDeliveryTests
{
    private const string RealNumber = "+8613912345678";
    private const string LongNotification = "尊敬的客户，您的订单${order}已经发货，承运商为顺丰速运，预计两到三个工作日内送达，请保持手机畅通并注意查收，如有疑问请在应用内联系在线客服处理。";

    private static async Task<(SmsVerifyApp App, NodeSmsc Peer)> StartAsync(string reply)
    {
        var peer = await NodeSmsc.StartAsync("--receipts", "--reply", reply);
        var app = await SmsVerifyApp.StartAsync(new()
        {
            ["Channels:0:Name"] = "node-peer",
            ["Channels:0:Host"] = "127.0.0.1",
            ["Channels:0:Port"] = peer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Channels:0:SystemId"] = "esme",
            ["Channels:0:Password"] = "secret",
            ["Channels:0:SourceAddress"] = "1069000",
            ["Sandbox:CarrierEnabled"] = "false",
        });
        return (app, peer);
    }

    private static async Task<JsonElement> UntilAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); // a hang guard, not a speed check
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(20);
        }
    }

    [NodePeerFact]
    public async Task LongChineseMessage_ArrivesWhole_IsDeliveredByItsReceipts_AndTheReplyOptsOut()
    {
        var (app, peer) = await StartAsync("R");
        await using var _ = app;
        await using var __ = peer;
        var sender = await app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(app, LongNotification, "notification");
        await app.TopUpAsync(sender.Tenant.Id, 1m);
        // Bound before the send, so the message goes at once rather than after a backoff the fake clock never reaches.
        var channels = await UntilAsync(async () => await (await app.Operator().GetAsync("/v1/channels")).OkAsync(),
            c => c.EnumerateArray().Any(x => x.Str("name") == "node-peer" && x.Str("state") == "up"));
        Assert.Contains(channels.EnumerateArray(), x => x.Str("name") == "node-peer" && x.Str("state") == "up");

        var sent = await (await sender.SendAsync(template, new { order = "SF1234567890" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);
        var id = sent.GetProperty("messages")[0].Str("id");

        var whole = await peer.NextAsync("message");
        Assert.Equal(("【某某科技】" + LongNotification.Replace("${order}", "SF1234567890", StringComparison.Ordinal), 2),
            (whole.Str("text"), whole.Int("parts")));
        var message = await UntilAsync(async () => await (await sender.Http.GetAsync($"/v1/messages/{id}")).OkAsync(), m => m.Str("status") == "delivered");
        Assert.Equal(("delivered", "node-peer", 2), (message.Str("status"), message.Str("channel"), message.Int("segments")));
        var optOuts = await UntilAsync(async () => await (await sender.Http.GetAsync("/v1/opt-outs")).OkAsync(), o => o.GetArrayLength() > 0);
        Assert.Equal(RealNumber, Assert.Single(optOuts.EnumerateArray()).Str("phone"));
        var inbound = Assert.Single((await (await sender.Http.GetAsync("/v1/inbound")).OkAsync()).EnumerateArray());
        Assert.Equal((RealNumber, "R", true), (inbound.Str("from"), inbound.Str("text"), inbound.GetProperty("optedOut").GetBoolean()));
    }
}
