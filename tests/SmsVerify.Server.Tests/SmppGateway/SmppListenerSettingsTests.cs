using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;

namespace SmsVerify.Server.Tests.SmppGateway;

/// <summary>The listener under settings unlike the shared test server's: TLS, a strict lockout, no delivery worker.</summary>
public sealed class SmppListenerSettingsTests : IAsyncLifetime
{
    private const string Code = "【某某科技】您正在登录某某商城，验证码为482913，5分钟内有效，请勿泄露给他人。";
    private readonly List<IAsyncDisposable> _owned = [];

    private async Task<SmsVerifyApp> AppAsync(Dictionary<string, string?> settings)
    {
        var app = await SmsVerifyApp.StartAsync(settings);
        _owned.Add(app);
        return app;
    }

    private async Task<SmppClient> BindAsync(SmsVerifyApp app, string systemId, string password, BindMode mode = BindMode.Transceiver, bool tls = false)
    {
        var client = app.SmppClient(systemId, password, mode, tls);
        _owned.Insert(0, client);
        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    private static async Task<LiveSender> SenderAsync(SmsVerifyApp app)
    {
        var sender = await app.CreateLiveSenderAsync();
        await app.TopUpAsync(sender.Tenant.Id, 10m);
        return sender;
    }

    [Fact]
    public async Task OverTls_AGatewayBindsAndSubmits_AndPlainSmppOnTheTlsPortBindsNothing()
    {
        var app = await AppAsync(new() { ["SmppListener:CertificatePath"] = SmppGateways.TestCertificateFile(), ["SmppListener:CertificatePassword"] = "test", ["SmppListener:TlsPort"] = "0" });
        var sender = await SenderAsync(app);
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();

        var secure = await BindAsync(app, systemId, password, tls: true);
        var sent = await secure.SubmitAsync(SmppGateways.Chinese("8613812345670", Code));
        var plainOnTls = new SmppClient(new SmppClientOptions
        {
            Host = "127.0.0.1",
            Port = app.Services.GetRequiredService<SmsVerify.Server.SmppGateway.SmppListener>().TlsEndPoint!.Port,
            SystemId = systemId,
            Password = password,
            ConnectTimeout = TimeSpan.FromSeconds(20),
            ResponseTimeout = TimeSpan.FromSeconds(20),
        });
        _owned.Insert(0, plainOnTls);

        Assert.Equal(CommandStatus.Ok, sent.CommandStatus);
        Assert.True(Guid.TryParse(sent.MessageId, out _));
        await Assert.ThrowsAnyAsync<Exception>(() => plainOnTls.ConnectAsync());
        Assert.Equal(1, (await (await sender.Http.GetAsync("/v1/smpp/accounts")).OkAsync())[0].GetProperty("binds").GetInt32());
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAddressOut_EvenForTheRightOne()
    {
        var app = await AppAsync(new() { ["SmppListener:FailedBindsBeforeSlowing"] = "100", ["SmppListener:FailedBindsBeforeRefusing"] = "3" });
        var sender = await SenderAsync(app);
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();

        List<uint> refusals = [];
        for (var i = 0; i < 3; i++)
        {
            refusals.Add((await Assert.ThrowsAsync<SmppBindException>(() => BindAsync(app, systemId, "guess" + i))).CommandStatus);
        }
        var locked = await Assert.ThrowsAsync<SmppBindException>(() => BindAsync(app, systemId, password));
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var after = await BindAsync(app, systemId, password);

        Assert.All(refusals, r => Assert.Equal(CommandStatus.InvalidPassword, r));
        Assert.Equal(CommandStatus.BindFailed, locked.CommandStatus);
        Assert.True(after.IsBound);
    }

    [Fact]
    public async Task CancelSm_WithdrawsAQueuedMessage_AndRefundsIt()
    {
        var app = await AppAsync(new() { ["Delivery:RunWorker"] = "false" });
        var sender = await SenderAsync(app);
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var client = await BindAsync(app, systemId, password);
        var before = await sender.Tenant.BalanceAsync();

        var sent = await client.SubmitAsync(SmppGateways.Chinese("8613812345671", Code));
        var charged = await sender.Tenant.BalanceAsync();
        var cancel = await client.CancelAsync(sent.MessageId, "10690001", "8613812345671");
        var again = await client.CancelAsync(sent.MessageId, "10690001", "8613812345671");
        var query = await client.QueryAsync(sent.MessageId, "10690001");

        Assert.True(charged < before);
        Assert.Equal((CommandStatus.Ok, CommandStatus.CancelFailed), (cancel.CommandStatus, again.CommandStatus));
        Assert.Equal(MessageState.Deleted, query.MessageState);
        Assert.Equal(before, await sender.Tenant.BalanceAsync());
        var message = await (await sender.Http.GetAsync($"/v1/messages/{sent.MessageId}")).OkAsync();
        Assert.Equal(("failed", "cancelled"), (message.Str("status"), message.Str("errorCode")));
        // The receipt it asked for says so, once a receiver binds.
        var delivery = await client.Deliveries.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(DeliveryReceipt.TryParse(delivery.Pdu, out var receipt));
        Assert.Equal((sent.MessageId, MessageState.Deleted), (receipt.MessageId, receipt.State));
    }

    [Fact]
    public async Task AReceiptOwedWhileNothingReceives_WaitsForTheNextReceiverBind()
    {
        var app = await AppAsync(new() { ["Sandbox:CarrierReceiptDelay"] = "00:00:00" });
        var sender = await SenderAsync(app);
        var (systemId, password) = await sender.Tenant.CreateSmppAccountAsync();
        var transmitter = await BindAsync(app, systemId, password, BindMode.Transmitter);

        var sent = await transmitter.SubmitAsync(SmppGateways.Chinese("8613812345672", Code));
        await WaitUntilAsync(() => app.WithDbAsync(db => db.Messages.AnyAsync(m => m.Id == Guid.Parse(sent.MessageId) && m.Status == MessageStatus.Delivered)));
        var owed = await app.WithDbAsync(db => db.OwedDeliveries.CountAsync(d => d.MessageId == Guid.Parse(sent.MessageId)));
        var receiver = await BindAsync(app, systemId, password, BindMode.Receiver);
        var delivery = await receiver.Deliveries.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        delivery.Acknowledge();

        Assert.Equal(1, owed);
        Assert.True(DeliveryReceipt.TryParse(delivery.Pdu, out var receipt));
        Assert.Equal((sent.MessageId, MessageState.Delivered), (receipt.MessageId, receipt.State));
        await WaitUntilAsync(async () => await app.WithDbAsync(db => db.OwedDeliveries.CountAsync(d => d.MessageId == Guid.Parse(sent.MessageId))) == 0);
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
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}
