using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>
/// What Kannel does with a long message, played by the library's client so it runs without Kannel: it asks for a
/// receipt on the first part only (registered_delivery 0x11 there, 0 on the rest).
/// </summary>
public sealed class KannelStylePartsTests : IClassFixture<SmsVerifyApp>
{
    private readonly SmsVerifyApp _app;

    public KannelStylePartsTests(SmsVerifyApp app)
    {
        _app = app;
        // The sandbox carrier answers every message with a receipt at once.
        app.Settings["Sandbox:CarrierReceiptDelay"] = "00:00:00";
    }

    [Fact]
    public async Task LongMessage_AskingForAReceiptOnItsFirstPartOnly_GetsItsReceipt()
    {
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        const string content = "尊敬的${name}，您在某某商城购买的商品已由顺丰速运发出，预计三日内送达，请保持电话畅通，签收时请当面验货，如有问题请在七日内联系在线客服处理，感谢您的支持。";
        await sender.Tenant.CreateApprovedTemplateAsync(_app, content, "notification");
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        await using var client = _app.SmppClient(systemId, password);
        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var parts = SmsSplitter.Split("【某某科技】" + content.Replace("${name}", "李雷", StringComparison.Ordinal), ConcatenationMode.Udh);
        List<SubmitSmResp> answers = [];
        for (var i = 0; i < parts.Count; i++)
        {
            var pdu = SmppGateways.Chinese("8613800138041", "");
            pdu.RegisteredDelivery = i == 0 ? (byte)0x11 : (byte)0;
            parts[i].ApplyTo(pdu);
            answers.Add(await client.SubmitAsync(pdu));
        }

        Assert.All(answers, a => Assert.Equal(CommandStatus.Ok, a.CommandStatus));
        var delivery = await client.Deliveries.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(DeliveryReceipt.TryParse(delivery.Pdu, out var receipt));
        Assert.Equal((answers[0].MessageId, MessageState.Delivered), (receipt.MessageId, receipt.State));
        delivery.Acknowledge();
    }
}
