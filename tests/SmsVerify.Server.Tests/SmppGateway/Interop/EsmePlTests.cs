using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.SmppGateway;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>esme.pl, an ESME on Perl's Net::SMPP written by others, bound to the listener as a tenant's gateway would.</summary>
public sealed class EsmePlTests : IClassFixture<SmsVerifyApp>
{
    private const string Order = "您的订单${order}已发货，请注意查收。";
    private const string Parcel = "尊敬的${name}，您在某某商城购买的商品已由顺丰速运发出，预计三日内送达，请保持电话畅通，签收时请当面验货，如有问题请在七日内联系在线客服处理，感谢您的支持。";
    private readonly SmsVerifyApp _app;

    public EsmePlTests(SmsVerifyApp app)
    {
        _app = app;
        // The sandbox carrier answers every message with a receipt at once.
        app.Settings["Sandbox:CarrierReceiptDelay"] = "00:00:00";
    }

    [EsmePlFact]
    public async Task EsmePl_TwentyMatchedTextsInAWindowOfTen_AreAllAckedAndReceipted()
    {
        var sender = await LiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Order, "notification");
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();

        var run = await EsmeAsync(systemId, password, "20", "--window", "10", "--dst", "8613800138001",
            "--text", "【某某科技】" + Order.Replace("${order}", "A{i}", StringComparison.Ordinal));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("submitted=20 acked=20 dlr=20 errors=0", run.Output, StringComparison.Ordinal);
        Assert.Contains("dlr_stat=DELIVRD:20", run.Output, StringComparison.Ordinal);
        var messages = await MessagesToAsync(sender, "+8613800138001");
        Assert.Equal(20, messages.Count);
        Assert.All(messages, m => Assert.Equal(template, m.Str("template")));
    }

    [EsmePlFact]
    public async Task EsmePl_WrongPassword_IsRefusedWithInvalidPassword()
    {
        var sender = await LiveSenderAsync();
        var (systemId, _) = await sender.Tenant.CreateSmppAccountAsync();

        var run = await EsmeAsync(systemId, "wrongpw", "1");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("bind_status=ESME_RINVPASWD", run.Output, StringComparison.Ordinal);
    }

    [EsmePlFact]
    public async Task EsmePl_LongTextInUdhSarOrPayload_IsStoredAsOneMessageOfItsParts()
    {
        var sender = await LiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Parcel, "notification");
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var text = "【某某科技】" + Parcel.Replace("${name}", "李雷", StringComparison.Ordinal);

        foreach (var (split, to) in new[] { ("udh", "8613800138011"), ("sar", "8613800138012"), ("payload", "8613800138013") })
        {
            // esme.pl counts a receipt per part it sent, but every part carries the whole message's id and one
            // receipt comes back for it: so receipts are not asked for here, only with the single-PDU payload.
            var run = await EsmeAsync(systemId, password, "1", "--split", split, "--dst", to, "--text", text,
                split == "payload" ? "--dlr" : "--no-dlr");

            Assert.True(run.ExitCode == 0, $"{split}: {run}");
            var message = Assert.Single(await MessagesToAsync(sender, "+" + to));
            Assert.Equal(template, message.Str("template"));
            Assert.True(message.GetProperty("segments").GetInt32() > 1, $"{split}: {message}");
        }
    }

    [EsmePlFact]
    public async Task EsmePl_ExpectingAReply_ReceivesTheOneOwedToItsAccount()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var extension = (await (await sender.Http.GetAsync("/v1/signatures")).OkAsync())[0].Str("extension");
        // Owed before the gateway binds: it is kept and sent once esme.pl is bound.
        await _app.Services.GetRequiredService<IChannelEventSink>()
            .HandleAsync(new InboundEvent("sandbox", _app.Clock.GetUtcNow().UtcDateTime, "8613912345678", "1069000" + extension, "好的，谢谢"), default);

        var run = await EsmeAsync(systemId, password, "0", "--expect-mo", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"mo from=8613912345678 to=1069000{extension}", run.Output, StringComparison.Ordinal);
        Assert.Contains("text=好的，谢谢", run.Output, StringComparison.Ordinal);
    }

    private async Task<LiveSender> LiveSenderAsync()
    {
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        return sender;
    }

    private Task<PeerProcess> EsmeAsync(string systemId, string password, string count, params string[] options)
    {
        var port = _app.Services.GetRequiredService<SmppListener>().EndPoint!.Port;
        // The time limits are failure guards, not expectations: a loaded CI machine must not trip them.
        string[] arguments = [InteropPeers.EsmePl()!, $"127.0.0.1:{port}", systemId, password, count,
            "--timeout", "90", "--dlr-timeout", "30", "--resp-timeout", "30", .. options];
        return PeerProcess.RunAsync("perl", arguments);
    }

    private static async Task<List<JsonElement>> MessagesToAsync(LiveSender sender, string to) =>
        [.. (await (await sender.Http.GetAsync($"/v1/messages?to={Uri.EscapeDataString(to)}")).OkAsync()).EnumerateArray()];
}
