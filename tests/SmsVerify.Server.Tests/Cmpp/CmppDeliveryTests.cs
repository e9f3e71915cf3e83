using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Gateway;
using SmsVerify.Cmpp.Text;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Cmpp;

public sealed class Cmpp2DeliveryTests() : CmppDeliveryTests("cmpp2");

public sealed class Cmpp3DeliveryTests() : CmppDeliveryTests("cmpp3");

/// <summary>
/// The whole server, its worker running, delivering to China Mobile over a CMPP channel against the library's
/// in-process ISMG: what the ISMG receives, and what becomes of each message, its receipts and the replies.
/// </summary>
public abstract class CmppDeliveryTests(string protocol) : IAsyncLifetime
{
    private const string Phone = "+8613912345678";
    private const string LongNotice = "您的订单${order}已发货，承运快递为顺丰速运，预计三日内送达。签收时请当面检查包裹是否完好，" +
        "如有破损请拒收并及时联系客服处理，感谢您对本店的信任与支持，祝您生活愉快。";

    private readonly TestIsmg _ismg = new();
    private CmppGateway _gateway = null!;
    private SmsVerifyApp _app = null!;
    private LiveSender _sender = null!;

    public async Task InitializeAsync()
    {
        _gateway = new CmppGateway(new CmppGatewayOptions { Accounts = new() { [TestIsmg.SpId] = TestIsmg.Secret } }, _ismg).Start();
        _app = await SmsVerifyApp.StartAsync(new()
        {
            ["Channels:0:Name"] = "cmcc",
            ["Channels:0:Protocol"] = protocol,
            ["Channels:0:Host"] = "127.0.0.1",
            ["Channels:0:Port"] = _gateway.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:0:SpId"] = TestIsmg.SpId,
            ["Channels:0:SharedSecret"] = TestIsmg.Secret,
            ["Channels:0:ServiceId"] = "SMSV",
            ["Channels:0:SourceAddress"] = "1069000",
            ["Channels:0:Carriers:0"] = "ChinaMobile",
            ["Channels:0:ReconnectDelay"] = "00:00:00.05",
            ["Channels:0:ReconnectMaxDelay"] = "00:00:00.2",
        });
        _sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(_sender.Tenant.Id, 10m);
        await Wait.Until(async () => (await ChannelAsync()).Str("state") == "up", "the CMPP link");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Verification_GoesToTheIsmg_AndItsReportSettlesTheMessageAsDelivered()
    {
        await (await _sender.StartAsync(Phone)).OkAsync(HttpStatusCode.Created);

        var message = await SettledAsync();
        Assert.Equal((MessageStatus.Delivered, "cmcc"), (message.Status, message.Channel));
        var submit = Assert.Single(_ismg.Submits);
        Assert.Equal(("13912345678", "SMSV", "1069000" + message.SourceExtension, TestIsmg.SpId, (byte)1),
            (Assert.Single(submit.DestTerminalIds), submit.ServiceId, submit.SrcId, submit.MsgSrc, submit.RegisteredDelivery));
        Assert.StartsWith("【某某科技】您正在登录某某商城，验证码为", CmppText.Decode(submit.MsgContent.Span, submit.MsgFmt), StringComparison.Ordinal);
        // The channel counts the receipt once the ISMG's report was kept, as an SMPP channel does.
        await Wait.Until(async () => (await ChannelAsync()).Int("receipts") == 1, "the receipt counted");
        var channel = await ChannelAsync();
        Assert.Equal((protocol, 1, "transceiver"), (channel.Str("kind"), channel.Int("accepted"), channel.GetProperty("binds")[0].Str("mode")));
    }

    [Fact]
    public async Task LongChineseNotification_GoesInParts_AndIsDeliveredWhenEveryPartIs()
    {
        var template = await _sender.Tenant.CreateApprovedTemplateAsync(_app, LongNotice, "notification");

        await (await _sender.SendAsync(template, new { order = "7" }, Phone)).OkAsync(HttpStatusCode.Accepted);

        var message = await SettledAsync();
        Assert.Equal((MessageStatus.Delivered, 2, 2), (message.Status, message.PartCount, message.DeliveredParts));
        var parts = _ismg.Submits.ToList();
        Assert.All(parts, p => Assert.Equal(((byte)2, (byte)1, MsgFmt.Ucs2), (p.PkTotal, p.TpUdhi, p.MsgFmt)));
        Assert.Equal([1, 2], parts.Select(p => (int)p.PkNumber));
        var text = string.Concat(parts.Select(p => CmppText.Decode(p.MsgContent.Span, p.MsgFmt, hasUdh: true)));
        Assert.Equal("【某某科技】" + LongNotice.Replace("${order}", "7", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task UndeliverableReport_FailsTheMessage_WithTheReportsStat()
    {
        _ismg.Stat = ReportStat.Undeliverable;

        await (await _sender.StartAsync(Phone)).OkAsync(HttpStatusCode.Created);

        var message = await SettledAsync();
        Assert.Equal((MessageStatus.Failed, "UNDELIV"), (message.Status, message.ErrorCode));
    }

    [Fact]
    public async Task ReplyToTheSignaturesNumber_IsFiledInTheInbox_AndTdOptsTheNumberOut()
    {
        await (await _sender.StartAsync(Phone)).OkAsync(HttpStatusCode.Created);
        await SettledAsync();
        var srcId = Assert.Single(_ismg.Submits).SrcId;

        _ismg.SendMo("13912345678", srcId, "好的，收到");
        await Wait.Until(async () => (await InboxAsync()).GetArrayLength() == 1, "the reply in the inbox");
        _ismg.SendMo("13912345678", srcId, "TD");
        await Wait.Until(async () => (await InboxAsync()).GetArrayLength() == 2, "the TD in the inbox");

        var replies = (await InboxAsync()).EnumerateArray().ToDictionary(r => r.Str("text")!);
        Assert.Equal((Phone, false), (replies["好的，收到"].Str("from"), replies["好的，收到"].GetProperty("optedOut").GetBoolean()));
        Assert.Equal((Phone, true), (replies["TD"].Str("from"), replies["TD"].GetProperty("optedOut").GetBoolean()));
        var optOut = Assert.Single((await (await _sender.Http.GetAsync("/v1/opt-outs")).OkAsync()).EnumerateArray());
        Assert.Equal(Phone, optOut.Str("phone"));
        // The receipt and both replies were answered Result 0, each after it was kept.
        await Wait.Until(() => _ismg.DeliverResps.Count == 3, "three CMPP_DELIVER_RESP");
        Assert.All(_ismg.DeliverResps, r => Assert.Equal(SubmitResult.Ok, r.Result));
    }

    [Fact]
    public async Task FlowControl_IsSentAgainByTheLink_AndTheMessageIsDelivered()
    {
        _ismg.ResultOf = n => n == 1 ? SubmitResult.FlowControl : SubmitResult.Ok;

        await (await _sender.StartAsync(Phone)).OkAsync(HttpStatusCode.Created);

        var message = await SettledAsync();
        Assert.Equal((MessageStatus.Delivered, 1), (message.Status, message.Attempts));
        Assert.Equal(2, _ismg.Submits.Count);
    }

    [Fact]
    public async Task PermanentRefusal_FailsTheMessage_WithTheResultCode()
    {
        _ismg.ResultOf = _ => SubmitResult.InvalidDestTerminalId;

        await (await _sender.StartAsync(Phone)).OkAsync(HttpStatusCode.Created);

        var message = await SettledAsync();
        Assert.Equal((MessageStatus.Failed, "cmpp_result_13"), (message.Status, message.ErrorCode));
        Assert.Single(_ismg.Submits);
        Assert.Equal("closed", (await ChannelAsync()).Str("breaker"));
    }

    /// <summary>The one message to the phone once it is delivered, failed or expired.</summary>
    private async Task<MessageRecord> SettledAsync()
    {
        Task<MessageRecord?> Read() => _app.WithDbAsync(db => db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.To == Phone));
        await Wait.Until(async () => await Read() is { Status: MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired },
            "the message to be settled");
        return (await Read())!;
    }

    private async Task<System.Text.Json.JsonElement> InboxAsync() => await (await _sender.Http.GetAsync("/v1/inbound")).OkAsync();

    private async Task<System.Text.Json.JsonElement> ChannelAsync() =>
        (await (await _app.Operator().GetAsync("/v1/channels")).OkAsync()).EnumerateArray().Single(c => c.Str("name") == "cmcc");
}
