using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Text;
using Status = SmsVerify.Server.SmppGateway.SubmitStatus;

namespace SmsVerify.Server.Tests.SmppGateway;

/// <summary>A tenant's gateway bound to the listener: what it may submit, what it is told, and what comes back to it.</summary>
public sealed class SmppListenerTests : IClassFixture<SmsVerifyApp>, IAsyncLifetime
{
    private const string Code = "【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。";
    private readonly SmsVerifyApp _app;
    private readonly List<SmppClient> _clients = [];

    public SmppListenerTests(SmsVerifyApp app)
    {
        _app = app;
        // The sandbox carrier answers every message with a receipt at once.
        app.Settings["Sandbox:CarrierReceiptDelay"] = "00:00:00";
    }

    private async Task<LiveSender> LiveSenderAsync()
    {
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        return sender;
    }

    private async Task<SmppClient> BindAsync(string systemId, string password, BindMode mode = BindMode.Transceiver)
    {
        var client = _app.SmppClient(systemId, password, mode);
        _clients.Add(client);
        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    [Fact]
    public async Task MatchingText_IsSentAsItsTemplate_AndItsReceiptComesBackOnTheBind()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(systemId, password);

        var response = await client.SubmitAsync(SmppGateways.Chinese("8613812345678", Code));

        Assert.Equal(CommandStatus.Ok, response.CommandStatus);
        var message = await (await sender.Http.GetAsync($"/v1/messages/{response.MessageId}")).OkAsync();
        Assert.Equal((sender.Template, "+8613812345678"), (message.Str("template"), message.Str("to")));
        Assert.Contains("验证码为******", message.Str("text"), StringComparison.Ordinal);
        var delivery = await client.Deliveries.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(DeliveryReceipt.TryParse(delivery.Pdu, out var receipt));
        Assert.Equal((response.MessageId, MessageState.Delivered), (receipt.MessageId, receipt.State));
        Assert.Equal(("8613812345678", "10690001"), (delivery.Pdu.SourceAddr, delivery.Pdu.DestinationAddr));
        delivery.Acknowledge();
        await WaitUntilAsync(async () => await _app.WithDbAsync(db => db.OwedDeliveries.CountAsync(d => d.MessageId == Guid.Parse(response.MessageId))) == 0);
    }

    [Fact]
    public async Task UnsignedText_IsSignedByTheExtensionItsSourceAddressEndsWith()
    {
        var sender = await LiveSenderAsync();
        var extension = (await (await sender.Http.GetAsync("/v1/signatures")).OkAsync())[0].Str("extension");
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(systemId, password);
        var unsigned = Code[(Code.IndexOf('】') + 1)..];

        var sent = await client.SubmitAsync(SmppGateways.Chinese("8613812345605", unsigned, from: "1069000" + extension));

        Assert.Equal(CommandStatus.Ok, sent.CommandStatus);
        var message = await (await sender.Http.GetAsync($"/v1/messages/{sent.MessageId}")).OkAsync();
        Assert.Equal((Senders.SignatureName, sender.Template), (message.Str("signature"), message.Str("template")));
    }

    [Fact]
    public async Task TextMatchingNoTemplate_IsRefused_AndRecordedAsAContentViolation()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(systemId, password);

        var unmatched = await client.SubmitAsync(SmppGateways.Chinese("8613812345678", "【某某科技】全场五折，点击 t.cn/abc 领取优惠券，验证码482913"));
        var unsigned = await client.SubmitAsync(SmppGateways.Chinese("8613812345678", "您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。"));
        var badCode = await client.SubmitAsync(SmppGateways.Chinese("8613812345678", Code.Replace("482913", "t.cn/x1", StringComparison.Ordinal)));
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(_app, "尊敬的${name}，您的订单已发货，请注意查收。", "notification");
        var smuggled = await client.SubmitAsync(SmppGateways.Chinese("8613812345678", "【某某科技】尊敬的evil.cn，您的订单已发货，请注意查收。"));

        Assert.Equal((Status.TemplateNotMatched, Status.SignatureNotFound), (unmatched.CommandStatus, unsigned.CommandStatus));
        Assert.Equal((Status.ValueNotAllowed, Status.ContentRejected), (badCode.CommandStatus, smuggled.CommandStatus));
        var violations = await _app.WithDbAsync(db => db.Set<SmsVerify.Server.Risk.Screening.ContentViolation>().Where(v => v.TenantId == sender.Tenant.Id).ToListAsync());
        var recorded = violations.Where(v => v.Reasons == "no_template_match").OrderBy(v => v.At).ToList();
        Assert.Equal(2, recorded.Count);
        // The link smuggled through a variable is a violation of the template it matched, as through the native API.
        Assert.Single(violations, v => v.Template == notification && v.Sample.Contains("evil.cn", StringComparison.Ordinal));
        Assert.Contains(recorded, v => v.Signature == "某某科技" && v.Sample.Contains("验证码******", StringComparison.Ordinal));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id)));
    }

    [Fact]
    public async Task AGatewayThatKeepsPushingUnmatchedText_TripsItsSignaturesBreaker_AndThenNothingIsSent()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(systemId, password);

        // The signature's breaker opens at its tenth violation within the hour (Risk:Breakers:Signature).
        for (var i = 0; i < 10; i++)
        {
            var pushed = await client.SubmitAsync(SmppGateways.Chinese($"86138123456{i:00}", $"【某某科技】双十一全场五折，第{i}波优惠券已到账"));
            Assert.Equal(Status.TemplateNotMatched, pushed.CommandStatus);
        }
        var matched = await client.SubmitAsync(SmppGateways.Chinese("8613812345699", Code));

        Assert.Equal(Status.SendingSuspended, matched.CommandStatus);
    }

    [Fact]
    public async Task LongMessageInParts_IsJudgedWhole_AndEveryPartGetsTheMessagesId()
    {
        var sender = await LiveSenderAsync();
        const string content = "尊敬的${name}，您在某某商城购买的商品已由顺丰速运发出，预计三日内送达，请保持电话畅通，签收时请当面验货，如有问题请在七日内联系在线客服处理，感谢您的支持。";
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, content, "notification");
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(systemId, password);
        var text = "【某某科技】" + content.Replace("${name}", "李雷", StringComparison.Ordinal);

        var parts = SmsSplitter.Split(text, ConcatenationMode.Udh);
        List<SubmitSmResp> answers = [];
        foreach (var part in parts)
        {
            var pdu = SmppGateways.Chinese("8613812345678", "");
            part.ApplyTo(pdu);
            answers.Add(await client.SubmitAsync(pdu));
        }

        Assert.True(parts.Count > 1);
        Assert.All(answers, a => Assert.Equal(CommandStatus.Ok, a.CommandStatus));
        Assert.Single(answers.Select(a => a.MessageId).Distinct());
        var message = await (await sender.Http.GetAsync($"/v1/messages/{answers[0].MessageId}")).OkAsync();
        Assert.Equal((template, parts.Count), (message.Str("template"), message.GetProperty("segments").GetInt32()));
    }

    [Fact]
    public async Task SarPartsAMessagePayloadAndADataSm_AreTakenLikeAShortMessage()
    {
        var sender = await LiveSenderAsync();
        const string content = "尊敬的${name}，您在某某商城购买的商品已由顺丰速运发出，预计三日内送达，请保持电话畅通，签收时请当面验货，如有问题请在七日内联系在线客服处理，感谢您的支持。";
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, content, "notification");
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(systemId, password);
        var text = "【某某科技】" + content.Replace("${name}", "韩梅梅", StringComparison.Ordinal);

        List<SubmitSmResp> sar = [];
        foreach (var part in SmsSplitter.Split(text, ConcatenationMode.Sar, reference: 300))
        {
            var pdu = SmppGateways.Chinese("8613812345601", "");
            part.ApplyTo(pdu);
            sar.Add(await client.SubmitAsync(pdu));
        }
        var whole = SmppGateways.Chinese("8613812345602", "");
        whole.Tlvs = new OptionalParameters { MessagePayload = Ucs2.Encode(text) };
        var payload = await client.SubmitAsync(whole);
        await using var raw = await RawGateway.ConnectAsync(_app.Services.GetRequiredService<SmsVerify.Server.SmppGateway.SmppListener>().EndPoint!.Port);
        var bound = await raw.RequestAsync(new Bind { Mode = BindMode.Transmitter, SystemId = systemId, Password = password });
        var data = (DataSmResp)await raw.RequestAsync(new DataSm
        {
            SourceAddr = "10690001",
            DestinationAddr = "+8613812345603",
            DataCoding = DataCoding.Ucs2,
            Tlvs = new OptionalParameters { MessagePayload = Ucs2.Encode(Code) },
        });

        Assert.All(sar, a => Assert.Equal(CommandStatus.Ok, a.CommandStatus));
        Assert.Single(sar.Select(a => a.MessageId).Distinct());
        Assert.Equal((CommandStatus.Ok, CommandStatus.Ok, CommandStatus.Ok), (payload.CommandStatus, bound.CommandStatus, data.CommandStatus));
        foreach (var id in new[] { sar[0].MessageId, payload.MessageId })
        {
            var message = await (await sender.Http.GetAsync($"/v1/messages/{id}")).OkAsync();
            Assert.Equal((template, sar.Count), (message.Str("template"), message.GetProperty("segments").GetInt32()));
        }
        Assert.Equal(sender.Template, (await (await sender.Http.GetAsync($"/v1/messages/{data.MessageId}")).OkAsync()).Str("template"));
    }

    [Fact]
    public async Task ABinaryShortMessage_IsRefusedAsNotText()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(systemId, password);

        var binary = await client.SubmitAsync(new SubmitSm { DestinationAddr = "8613812345604", DestAddrTon = 1, DataCoding = 0x04, ShortMessage = new byte[] { 1, 2, 3 } });

        Assert.Equal(Status.InvalidDataCoding, binary.CommandStatus);
    }

    [Fact]
    public async Task QuerySm_AnswersFromTheLog_AndCancelSm_CannotWithdrawWhatACarrierHas()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(systemId, password);
        var sent = await client.SubmitAsync(SmppGateways.Chinese("8613812345678", Code));
        await WaitUntilAsync(async () => await _app.WithDbAsync(db => db.Messages.AnyAsync(m => m.Id == Guid.Parse(sent.MessageId) && m.Status == MessageStatus.Delivered)));

        var query = await client.QueryAsync(sent.MessageId, "10690001");
        var unknown = await client.QueryAsync(Guid.CreateVersion7().ToString(), "10690001");
        var cancel = await client.CancelAsync(sent.MessageId, "10690001", "8613812345678");

        Assert.Equal((CommandStatus.Ok, MessageState.Delivered), (query.CommandStatus, query.MessageState));
        Assert.Equal(CommandStatus.InvalidMessageId, unknown.CommandStatus);
        Assert.Equal(CommandStatus.CancelFailed, cancel.CommandStatus);
    }

    [Fact]
    public async Task AReplyFromThePhone_ReachesTheAccountsReceiverBind()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var extension = (await (await sender.Http.GetAsync("/v1/signatures")).OkAsync())[0].Str("extension");

        await _app.Services.GetRequiredService<IChannelEventSink>()
            .HandleAsync(new InboundEvent("sandbox", _app.Clock.GetUtcNow().UtcDateTime, "8613912345678", "1069000" + extension, "好的，谢谢"), default);
        var receiver = await BindAsync(systemId, password, BindMode.Receiver);
        var reply = await receiver.Deliveries.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(reply.Pdu.IsDeliveryReceipt);
        Assert.Equal(("8613912345678", "1069000" + extension), (reply.Pdu.SourceAddr, reply.Pdu.DestinationAddr));
        Assert.Equal("好的，谢谢", ShortMessageText.Read(reply.Pdu)!.Text);
        reply.Acknowledge();
        await WaitUntilAsync(async () => await _app.WithDbAsync(db =>
            db.OwedDeliveries.CountAsync(d => db.InboundMessages.Any(i => i.Id == d.InboundId && i.TenantId == sender.Tenant.Id))) == 0);
    }

    [Fact]
    public async Task Binds_AreRefused_ForAWrongPasswordAnUnknownIdADisallowedAddressAndTooManyBinds()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync(new { maxBinds = 1 });
        var (fenced, fencedPassword) = await sender.Tenant.CreateSmppAccountAsync(new { allowedAddresses = new[] { "10.0.0.0/8" } });
        await BindAsync(systemId, password);

        async Task<uint> RefusalAsync(string id, string secret) =>
            (await Assert.ThrowsAsync<SmppBindException>(() => BindAsync(id, secret))).CommandStatus;

        Assert.Equal(CommandStatus.InvalidPassword, await RefusalAsync(systemId, "wrong"));
        Assert.Equal(CommandStatus.InvalidSystemId, await RefusalAsync("nobody", password));
        Assert.Equal(CommandStatus.BindFailed, await RefusalAsync(fenced, fencedPassword));
        Assert.Equal(CommandStatus.BindFailed, await RefusalAsync(systemId, password));
    }

    [Fact]
    public async Task SubmitsOverTheAccountsRate_AreThrottled()
    {
        var sender = await LiveSenderAsync();
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync(new { messagesPerSecond = 2 });
        var client = await BindAsync(systemId, password);

        // The server's clock stands still in tests: the bucket holds two, and nothing refills it.
        var answers = new List<uint>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.SubmitAsync(SmppGateways.Chinese($"861381234567{i}", Code))).CommandStatus);
        }

        Assert.Equal([CommandStatus.Ok, CommandStatus.Ok, CommandStatus.Throttled], answers);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(50, guard.Token);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }
}
