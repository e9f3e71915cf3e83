using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.SmppGateway;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>
/// Kannel bound to the listener as a tenant's gateway: its bearerbox binds as a transceiver with the tenant's SMPP
/// account, the test sends through smsbox's HTTP sendsms, and Kannel's dlr-url and MO get-url call the test back.
/// </summary>
public sealed class KannelTests : IClassFixture<SmsVerifyApp>
{
    private const string Code = "【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。";
    private const string Parcel = "尊敬的${name}，您在某某商城购买的商品已由顺丰速运发出，预计三日内送达，请保持电话畅通，签收时请当面验货，如有问题请在七日内联系在线客服处理，感谢您的支持。";
    private readonly SmsVerifyApp _app;

    public KannelTests(SmsVerifyApp app)
    {
        _app = app;
        // The sandbox carrier answers every message with a receipt at once.
        app.Settings["Sandbox:CarrierReceiptDelay"] = "00:00:00";
    }

    [KannelFact]
    public async Task Kannel_MatchedVerificationText_IsSentAsItsTemplate_AndTheDlrUrlHearsDelivered()
    {
        var (sender, kannel, callbacks) = await KannelForANewTenantAsync();
        await using var _ = kannel;
        await using var __ = callbacks;

        var answer = await kannel.SendSmsAsync("+8613800138031", Code, callbacks.BaseUrl + "/dlr?type=%d&answer=%A&id=%F");

        Assert.Contains("Accepted", answer, StringComparison.Ordinal);
        var delivered = await ReportAsync(callbacks, kannel, "1");
        var message = Assert.Single(await MessagesToAsync(sender, "+8613800138031"));
        Assert.Equal((sender.Template, "delivered"), (message.Str("template"), message.Str("status")));
        // Kannel names the SMSC's id for the message in %F: the listener's UUID.
        Assert.Equal(message.Str("id"), delivered["id"]);
    }

    [KannelFact]
    public async Task Kannel_UnmatchedText_IsReportedAsRejectedBySmsc_AndNothingIsStored()
    {
        var (sender, kannel, callbacks) = await KannelForANewTenantAsync();
        await using var _ = kannel;
        await using var __ = callbacks;

        await kannel.SendSmsAsync("+8613800138032", "【某某科技】全场五折，点击领取优惠券", callbacks.BaseUrl + "/dlr?type=%d&answer=%A");

        // Kannel takes a submit_sm_resp error it has no retry rule for as the SMSC's rejection: dlr type 16.
        var rejected = await ReportAsync(callbacks, kannel, "16");
        Assert.Contains("0x00000401", rejected["answer"], StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await MessagesToAsync(sender, "+8613800138032"));
    }

    [KannelFact]
    public async Task Kannel_LongNotificationSplitIntoUdhParts_IsOneMessage_AndItsReceiptReachesTheDlrUrl()
    {
        var (sender, kannel, callbacks) = await KannelForANewTenantAsync();
        await using var _ = kannel;
        await using var __ = callbacks;
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Parcel, "notification");

        await kannel.SendSmsAsync("+8613800138033", "【某某科技】" + Parcel.Replace("${name}", "李雷", StringComparison.Ordinal),
            callbacks.BaseUrl + "/dlr?type=%d&answer=%A");

        await ReportAsync(callbacks, kannel, "1");
        var message = Assert.Single(await MessagesToAsync(sender, "+8613800138033"));
        Assert.Equal(template, message.Str("template"));
        Assert.True(message.GetProperty("segments").GetInt32() > 1, message.ToString());
    }

    [KannelFact]
    public async Task Kannel_AReplyFromThePhone_ReachesItsMoGetUrl()
    {
        var (sender, kannel, callbacks) = await KannelForANewTenantAsync();
        await using var _ = kannel;
        await using var __ = callbacks;
        var extension = (await (await sender.Http.GetAsync("/v1/signatures")).OkAsync())[0].Str("extension");

        await _app.Services.GetRequiredService<IChannelEventSink>()
            .HandleAsync(new InboundEvent("sandbox", _app.Clock.GetUtcNow().UtcDateTime, "8613912345678", "1069000" + extension, "好的，谢谢"), default);

        var reply = await NextOrLogsAsync(callbacks.Replies, kannel);
        Assert.Equal(("8613912345678", "1069000" + extension, "好的，谢谢"), (reply["from"], reply["to"], reply["text"]));
    }

    /// <summary>A live tenant with an SMPP account, and Kannel bound to the listener with it.</summary>
    private async Task<(LiveSender Sender, KannelBoxes Kannel, KannelCallbacks Callbacks)> KannelForANewTenantAsync()
    {
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var callbacks = await KannelCallbacks.StartAsync();
        var port = _app.Services.GetRequiredService<SmppListener>().EndPoint!.Port;
        var kannel = await KannelBoxes.StartAsync(port, systemId, password, callbacks.BaseUrl + "/mo");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await BindsAsync(sender, systemId) != 1)
        {
            await Task.Delay(100, guard.Token).ContinueWith(t => Assert.False(t.IsCanceled, "Kannel did not bind:\n" + kannel.Logs()), TaskScheduler.Default);
        }
        return (sender, kannel, callbacks);
    }

    private static async Task<int> BindsAsync(LiveSender sender, string systemId) =>
        (await (await sender.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray()
            .Single(a => a.Str("systemId") == systemId).GetProperty("binds").GetInt32();

    /// <summary>Reads dlr-url calls until one of <paramref name="type"/> (Kannel also reports 8, the SMSC's ack).</summary>
    private static async Task<Dictionary<string, string>> ReportAsync(KannelCallbacks callbacks, KannelBoxes kannel, string type)
    {
        while (true)
        {
            var report = await NextOrLogsAsync(callbacks.Reports, kannel);
            if (report["type"] == type)
            {
                return report;
            }
        }
    }

    private static async Task<Dictionary<string, string>> NextOrLogsAsync(System.Threading.Channels.Channel<Dictionary<string, string>> from, KannelBoxes kannel)
    {
        try
        {
            return await KannelCallbacks.NextAsync(from);
        }
        catch (TimeoutException)
        {
            Assert.Fail("Kannel did not call back:\n" + kannel.Logs());
            throw;
        }
    }

    private static async Task<List<JsonElement>> MessagesToAsync(LiveSender sender, string to) =>
        [.. (await (await sender.Http.GetAsync($"/v1/messages?to={Uri.EscapeDataString(to)}")).OkAsync()).EnumerateArray()];
}
