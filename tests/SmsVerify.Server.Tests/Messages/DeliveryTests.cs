using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Tests.Messages;

public sealed partial class DeliveryTests : IAsyncLifetime
{
    private const string RealNumber = "+8613912345678";

    private readonly SmsVerifyApp _app;
    private readonly FakeChannel _primary;
    private readonly FakeChannel _backup;
    private Func<OutboundSms, SubmitOutcome> _primaryAnswer = _ => Accept("p-1");
    private Func<OutboundSms, SubmitOutcome> _backupAnswer = _ => Accept("b-1");

    public DeliveryTests()
    {
        _primary = new FakeChannel("primary", 10, sms => _primaryAnswer(sms));
        _backup = new FakeChannel("backup", 5, sms => _backupAnswer(sms));
        // The worker is driven by the test, one round at a time, instead of running in the background.
        _app = new SmsVerifyApp
        {
            Settings = { ["Delivery:RunWorker"] = "false", ["Webhooks:AllowHttp"] = "true", ["Webhooks:AllowPrivateNetworks"] = "true" },
            TestServices = services => services.AddSingleton<IChannelRoutes>(new FakeRoutes(_primary, _backup)),
        };
    }

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static SubmitOutcome Accept(params string[] ids) => new SubmitOutcome.Accepted(ids);

    /// <summary>One round of the worker, and the outcomes of every submit it started.</summary>
    private async Task<int> RunWorkerAsync()
    {
        var worker = _app.Services.GetRequiredService<DeliveryWorker>();
        var claimed = await worker.RunOnceAsync(CancellationToken.None);
        await worker.WhenIdleAsync();
        return claimed;
    }

    private Task ReceiptAsync(string channel, string id, ReceiptOutcome outcome, string? error = null) =>
        _app.Services.GetRequiredService<IChannelEventSink>()
            .HandleAsync(new ReceiptEvent(channel, _app.Clock.GetUtcNow().UtcDateTime, id, outcome, error, null), CancellationToken.None).AsTask();

    private async Task<(TestTenant Tenant, Guid MessageId)> QueueAsync(string content = Messaging.Notification, object? parameters = null)
    {
        var sender = await _app.CreateLiveSenderAsync();
        var tenant = sender.Tenant;
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, content, "notification");
        await _app.TopUpAsync(tenant.Id, 1m);
        var sent = await (await tenant.Http.PostJsonAsync("/v1/messages",
            new { to = new[] { RealNumber }, signature = sender.Signature, template, @params = parameters ?? new { order = "7" } })).OkAsync(HttpStatusCode.Accepted);
        return (tenant, sent.GetProperty("messages")[0].GetProperty("id").GetGuid());
    }

    private Task<MessageRecord> MessageAsync(Guid id) => _app.WithDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task Accepted_IsSubmitted_ThenDeliveredByItsReceipt_AndTheTextIsNoLongerKept()
    {
        var (tenant, id) = await QueueAsync();

        Assert.Equal(1, await RunWorkerAsync());

        var sms = Assert.Single(_primary.Submitted);
        Assert.Equal((RealNumber, "【某某科技】您的订单7已发货，请注意查收。"), (sms.To, sms.Text));
        var submitted = await MessageAsync(id);
        Assert.Equal((MessageStatus.Submitted, "primary", null), (submitted.Status, submitted.Channel, submitted.TextSeal));
        await ReceiptAsync("primary", "p-1", ReceiptOutcome.Delivered);
        var delivered = await (await tenant.Http.GetAsync($"/v1/messages/{id}")).OkAsync();
        Assert.Equal("delivered", delivered.Str("status"));
        Assert.Equal(0, await RunWorkerAsync());
    }

    [Fact]
    public async Task MultipartMessage_IsDeliveredWhenEveryPartIs_AndFailedWhenOneFails()
    {
        _primaryAnswer = sms => sms.Text.Contains("A1", StringComparison.Ordinal) ? Accept("a-1", "a-2") : Accept("b-1", "b-2");
        var (_, first) = await QueueAsync(parameters: new { order = "A1" });
        var (_, second) = await QueueAsync(parameters: new { order = "B2" });
        await RunWorkerAsync();

        await ReceiptAsync("primary", "a-1", ReceiptOutcome.Delivered);
        // Carriers repeat receipts: the same part twice is still one part of two.
        await ReceiptAsync("primary", "a-1", ReceiptOutcome.Delivered);
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(first)).Status);
        await ReceiptAsync("primary", "a-2", ReceiptOutcome.Delivered);
        await ReceiptAsync("primary", "b-2", ReceiptOutcome.Failed, "UNDELIV:045");

        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(first)).Status);
        var failed = await MessageAsync(second);
        Assert.Equal((MessageStatus.Failed, "UNDELIV:045"), (failed.Status, failed.ErrorCode));
    }

    [Fact]
    public async Task ReceiptsAppliedAsOneBatch_SettleEveryMessageAsIfAppliedOneByOne()
    {
        _primaryAnswer = sms => sms.Text.Contains("A1", StringComparison.Ordinal) ? Accept("a-1", "a-2")
            : sms.Text.Contains("B2", StringComparison.Ordinal) ? Accept("b-1", "b-2") : Accept("c-1");
        var (_, first) = await QueueAsync(parameters: new { order = "A1" });
        var (_, second) = await QueueAsync(parameters: new { order = "B2" });
        var (_, third) = await QueueAsync(parameters: new { order = "C3" });
        await RunWorkerAsync();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        ReceiptEvent Receipt(string id, ReceiptOutcome outcome, string? error = null) => new("primary", now, id, outcome, error, null);

        // What the write batcher hands over when receipts arrive together: repeats, both parts of one message, an id
        // no submit returned (twice), and a second part that fails after the first was delivered.
        await _app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await _app.Services.GetRequiredService<Receipts>().RunAsync(db,
            [
                Receipt("a-1", ReceiptOutcome.Delivered), Receipt("a-1", ReceiptOutcome.Delivered), Receipt("b-1", ReceiptOutcome.Delivered),
                Receipt("x-9", ReceiptOutcome.Delivered), Receipt("a-2", ReceiptOutcome.Delivered), Receipt("b-2", ReceiptOutcome.Failed, "UNDELIV:045"),
                Receipt("x-9", ReceiptOutcome.Delivered), Receipt("c-1", ReceiptOutcome.Expired),
            ]);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });

        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(first)).Status);
        var failed = await MessageAsync(second);
        Assert.Equal((MessageStatus.Failed, "UNDELIV:045"), (failed.Status, failed.ErrorCode));
        Assert.Equal(MessageStatus.Expired, (await MessageAsync(third)).Status);
        var unmatched = Assert.Single(await _app.WithDbAsync(db => db.UnmatchedReceipts.ToListAsync()));
        Assert.Equal("x-9", unmatched.CarrierMessageId);
    }

    [Fact]
    public async Task ReceiptBeforeTheSubmitIsRecorded_WaitsAndIsApplied()
    {
        var (_, id) = await QueueAsync();
        await ReceiptAsync("primary", "p-1", ReceiptOutcome.Delivered);
        Assert.Equal(1, await _app.WithDbAsync(db => db.UnmatchedReceipts.CountAsync()));

        await RunWorkerAsync();

        Assert.Equal(MessageStatus.Delivered, (await MessageAsync(id)).Status);
        Assert.Equal(0, await _app.WithDbAsync(db => db.UnmatchedReceipts.CountAsync()));
    }

    [Fact]
    public async Task ReceiptsBeforeTheirSubmitsAreRecorded_RepeatsAndSeveralParts_SettleEachMessageAsIfTheyCameAfter()
    {
        _primaryAnswer = sms => sms.Text.Contains("A1", StringComparison.Ordinal) ? Accept("a-1", "a-2") : Accept("b-1", "b-2");
        var (_, first) = await QueueAsync(parameters: new { order = "A1" });
        var (_, second) = await QueueAsync(parameters: new { order = "B2" });
        await ReceiptAsync("primary", "a-1", ReceiptOutcome.Delivered);
        await ReceiptAsync("primary", "a-1", ReceiptOutcome.Delivered); // a carrier's repeat
        await ReceiptAsync("primary", "a-2", ReceiptOutcome.Delivered);
        await ReceiptAsync("primary", "b-2", ReceiptOutcome.Failed, "UNDELIV:045");
        Assert.Equal(4, await _app.WithDbAsync(db => db.UnmatchedReceipts.CountAsync()));

        await RunWorkerAsync();

        var delivered = await MessageAsync(first);
        Assert.Equal((MessageStatus.Delivered, 2), (delivered.Status, delivered.DeliveredParts));
        var failed = await MessageAsync(second);
        Assert.Equal((MessageStatus.Failed, "UNDELIV:045"), (failed.Status, failed.ErrorCode));
        Assert.Equal(0, await _app.WithDbAsync(db => db.UnmatchedReceipts.CountAsync()));
    }

    [Fact]
    public async Task PermanentRefusal_FailsTheMessage_AndRefundsIt()
    {
        _primaryAnswer = _ => new SubmitOutcome.Rejected("ESME_RINVDSTADR", "Invalid destination address", Transient: false);
        var (tenant, id) = await QueueAsync();
        Assert.Equal(0.955m, await tenant.BalanceAsync());

        await RunWorkerAsync();

        var failed = await MessageAsync(id);
        Assert.Equal((MessageStatus.Failed, "ESME_RINVDSTADR"), (failed.Status, failed.ErrorCode));
        Assert.Empty(_backup.Submitted);
        Assert.Equal(1m, await tenant.BalanceAsync());
    }

    [Fact]
    public async Task TransientRefusal_MovesTheMessageToTheNextChannel()
    {
        _primaryAnswer = _ => new SubmitOutcome.Rejected("ESME_RTHROTTLED", "Throttled", Transient: true);
        var (_, id) = await QueueAsync();

        await RunWorkerAsync();

        var submitted = await MessageAsync(id);
        Assert.Equal((MessageStatus.Submitted, "backup"), (submitted.Status, submitted.Channel));
        Assert.Single(_primary.Submitted);
    }

    [Fact]
    public async Task NoChannel_WaitsWithoutSpendingAttempts_OnABoundedBackoff_ThenFailsAndRefunds()
    {
        _primary.State = ChannelState.Down;
        _backup.State = ChannelState.Open;
        var (tenant, id) = await QueueAsync();

        Assert.Equal(1, await RunWorkerAsync());
        Assert.Equal(0, await RunWorkerAsync()); // not due again until its wait is over
        // Through a long outage it is tried at least once a minute, and no try spends an attempt.
        for (var minute = 0; minute < 30; minute++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(1, await RunWorkerAsync());
        }
        var waiting = await MessageAsync(id);
        Assert.Equal((MessageStatus.Queued, "no_channel", 0), (waiting.Status, waiting.ErrorCode, waiting.Attempts));

        _app.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(1, await RunWorkerAsync());
        var failed = await MessageAsync(id);
        Assert.Equal((MessageStatus.Failed, "no_channel"), (failed.Status, failed.ErrorCode));
        Assert.Equal(1m, await tenant.BalanceAsync());
    }

    [Fact]
    public async Task CarrierSystemErrors_OnEveryChannel_LeaveTheMessageWaiting_NotFailed()
    {
        _primaryAnswer = _ => new SubmitOutcome.Rejected("ESME_RSYSERR", "System error", Transient: true);
        _backupAnswer = _ => new SubmitOutcome.Rejected("ESME_RINVCMDLEN", "generic_nack", Transient: true);
        var (_, id) = await QueueAsync();

        await RunWorkerAsync();
        _app.Clock.Advance(TimeSpan.FromSeconds(5));
        await RunWorkerAsync();

        var waiting = await MessageAsync(id);
        Assert.Equal((MessageStatus.Queued, "ESME_RINVCMDLEN", 0), (waiting.Status, waiting.ErrorCode, waiting.Attempts));
        Assert.Equal((2, 2), (_primary.Submitted.Count, _backup.Submitted.Count));
        _primaryAnswer = _ => Accept("p-9");
        _app.Clock.Advance(TimeSpan.FromSeconds(5));
        await RunWorkerAsync();
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(id)).Status);
    }

    [Fact]
    public async Task AChannelComingBack_SendsWhatWaitedForIt_AtOnce()
    {
        _primary.State = ChannelState.Down;
        _backup.State = ChannelState.Down;
        var (_, waiting) = await QueueAsync();
        await RunWorkerAsync();
        // One that went unanswered waits for its retry too.
        _backup.State = ChannelState.Up;
        _backupAnswer = _ => new SubmitOutcome.Unknown("The link dropped before the answer.", []);
        var (_, unanswered) = await QueueAsync(parameters: new { order = "B2" });
        await RunWorkerAsync();
        _backup.State = ChannelState.Down;
        Assert.Equal(0, await RunWorkerAsync());

        _primary.State = ChannelState.Up;
        _app.Services.GetRequiredService<ChannelComeback>().Raise();

        // The clock has not moved: only the comeback made them due.
        Assert.Equal(2, await RunWorkerAsync());
        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(waiting)).Status);
        var resent = await MessageAsync(unanswered);
        Assert.Equal((MessageStatus.Submitted, true), (resent.Status, resent.OutcomeUnknown));
        // The channel is told the second submit may be a copy.
        Assert.Equal([false, true], _primary.Submitted.Select(s => s.Resend).Order());
    }

    [Fact]
    public async Task VerificationCodes_AreClaimedBeforeABulkSendQueuedAheadOfThem()
    {
        var sender = await _app.CreateLiveSenderAsync();
        var notification = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await _app.TopUpAsync(sender.Tenant.Id, 1m);
        var bulk = Enumerable.Range(0, 5).Select(i => $"+861391234560{i}").ToArray();
        await (await sender.Tenant.Http.PostJsonAsync("/v1/messages",
            new { to = bulk, signature = sender.Signature, template = notification, @params = new { order = "7" } })).OkAsync(HttpStatusCode.Accepted);
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        // A code sent through the message API with a verification template, and one through the verification API.
        var sent = await (await sender.Tenant.Http.PostJsonAsync("/v1/messages",
            new { to = new[] { "+8613912345670" }, signature = sender.Signature, template = sender.Template, @params = new { code = "123456" } }))
            .OkAsync(HttpStatusCode.Accepted);
        var started = await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);
        var verificationMessage = await _app.WithDbAsync(db =>
            db.Messages.Where(m => m.VerificationId == started.GetProperty("id").GetGuid()).Select(m => m.Id).SingleAsync());

        var claimed = await _app.WithDbAsync(db => MessageClaims.ClaimAsync(db, Guid.NewGuid(), 2, _app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(2), default));

        Assert.Equal(
            new[] { sent.GetProperty("messages")[0].GetProperty("id").GetGuid(), verificationMessage }.Order(),
            claimed.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task UnknownOutcome_IsMarkedAndRetried_AndAnExpiredCodeIsNotSentAgain()
    {
        _primaryAnswer = _ => new SubmitOutcome.Unknown("The link dropped before the answer.", []);
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 1m);
        var started = await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);
        var id = await _app.WithDbAsync(db => db.Messages.Where(m => m.VerificationId == started.GetProperty("id").GetGuid()).Select(m => m.Id).SingleAsync());

        await RunWorkerAsync();
        var unknown = await MessageAsync(id);
        Assert.Equal((MessageStatus.Queued, true), (unknown.Status, unknown.OutcomeUnknown));
        _app.Clock.Advance(TimeSpan.FromMinutes(6)); // past the code's five minutes
        await RunWorkerAsync();

        var expired = await MessageAsync(id);
        Assert.Equal((MessageStatus.Expired, "expired_in_queue"), (expired.Status, expired.ErrorCode));
        Assert.Single(_primary.Submitted);
        Assert.Equal(0.955m, await sender.Tenant.BalanceAsync()); // it may have been sent: not refunded
    }

    [Fact]
    public async Task UnknownEveryTime_GivesUpAfterTheLastAttempt_WithoutARefund()
    {
        _primaryAnswer = _ => new SubmitOutcome.Unknown("No answer before the link dropped.", []);
        var (tenant, id) = await QueueAsync();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await RunWorkerAsync());
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var failed = await MessageAsync(id);
        Assert.Equal((MessageStatus.Failed, "outcome_unknown", true, null), (failed.Status, failed.ErrorCode, failed.OutcomeUnknown, failed.TextSeal));
        // Three submits at most, so at most two copies on the phone; all but the first were marked as possible copies.
        Assert.Equal([false, true, true], _primary.Submitted.Select(s => s.Resend));
        Assert.Equal(0, await RunWorkerAsync());
        Assert.Equal(0.955m, await tenant.BalanceAsync());
    }

    [Fact]
    public async Task StatusChangesAndReplies_ArePostedAsSignedWebhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, id) = await QueueAsync();
        await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = receiver.Url })).OkAsync();
        var extension = (await (await tenant.Http.GetAsync("/v1/signatures")).OkAsync())[0].Str("extension");

        await RunWorkerAsync();
        await ReceiptAsync("primary", "p-1", ReceiptOutcome.Delivered);
        await _app.Services.GetRequiredService<IChannelEventSink>()
            .HandleAsync(new InboundEvent("primary", _app.Clock.GetUtcNow().UtcDateTime, "8613912345678", "1069000" + extension, "TD"), default);
        // Status events come as arrays, one request or two depending on when the dispatcher ran; a reply alone.
        while (Posted(receiver).Count < 3)
        {
            await receiver.NextAsync();
        }

        var posted = Posted(receiver);
        Assert.All(receiver.Requests, r => Assert.StartsWith("sha256=", r.Signature, StringComparison.Ordinal));
        Assert.All(receiver.Requests, r => Assert.Equal(r.Event == "message.status", r.Body.StartsWith('[')));
        Assert.Equal(["submitted", "delivered"], posted.Where(p => p.Event == "message.status").Select(p => p.Data.Str("status")));
        Assert.All(posted.Where(p => p.Event == "message.status"), p => Assert.Equal(id.ToString(), p.Data.Str("id")));
        var reply = Assert.Single(posted, p => p.Event == "inbound.received").Data;
        Assert.Equal((RealNumber, "TD", true), (reply.Str("from"), reply.Str("text"), reply.GetProperty("optedOut").GetBoolean()));
    }

    /// <summary>Every event received so far, status arrays taken apart.</summary>
    private static List<(string? Event, JsonElement Data)> Posted(WebhookReceiver receiver) =>
        [.. receiver.Requests.SelectMany(r =>
        {
            var body = JsonDocument.Parse(r.Body).RootElement;
            var events = body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().ToList() : [body];
            return events.Select(e => (Event: e.Str("type"), Data: e.GetProperty("data")));
        })];

    [Fact]
    public async Task ManyStatusChanges_ArePostedAsOneArrayPerTenant()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sender = await _app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        await (await sender.Tenant.Http.PutJsonAsync("/v1/webhooks", new { url = receiver.Url, events = new[] { "message.status" } })).OkAsync();
        var dispatcher = _app.Services.GetServices<IHostedService>().OfType<WebhookDispatcher>().Single();
        await dispatcher.StopAsync(CancellationToken.None);
        string[] to = [.. Enumerable.Range(0, 30).Select(i => $"+86139{i:D8}")];
        _primaryAnswer = sms => Accept($"id-{sms.To}");
        await (await sender.SendAsync(template, new { order = "7" }, to)).OkAsync(HttpStatusCode.Accepted);
        await RunWorkerAsync();

        await dispatcher.RunOnceAsync(CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        var events = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(30, events.GetArrayLength());
        Assert.All(events.EnumerateArray(), e => Assert.Equal(("message.status", "submitted"), (e.Str("type"), e.GetProperty("data").Str("status"))));
        Assert.Equal(30, events.EnumerateArray().Select(e => e.Str("id")).Distinct().Count());
        Assert.Equal(30, await _app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered)));
    }

    [Fact]
    public async Task LongReply_IsFiledWhole_WhenItsLastPartArrives_AndRepeatedPartsCountOnce()
    {
        var (tenant, _) = await QueueAsync();
        var extension = (await (await tenant.Http.GetAsync("/v1/signatures")).OkAsync())[0].Str("extension");
        var sink = _app.Services.GetRequiredService<IChannelEventSink>();
        Task Part(int sequence, string text) => sink.HandleAsync(new InboundEvent(
            "primary", _app.Clock.GetUtcNow().UtcDateTime, "8613912345678", "1069000" + extension, text, new InboundPart(42, 3, sequence)), default).AsTask();

        await Part(3, "三部分。");
        await Part(1, "您好，这是一条很长的回复，");
        await Part(1, "您好，这是一条很长的回复，");
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/inbound")).OkAsync()).EnumerateArray());
        await Part(2, "分成了");

        var reply = Assert.Single((await (await tenant.Http.GetAsync("/v1/inbound")).OkAsync()).EnumerateArray());
        Assert.Equal(("您好，这是一条很长的回复，分成了三部分。", RealNumber), (reply.Str("text"), reply.Str("from")));
        Assert.Equal(0, await _app.WithDbAsync(db => db.InboundMessageParts.CountAsync()));
    }

    [Fact]
    public async Task LongReplyMissingAPart_IsFiledAsItArrivedAfterAnHour()
    {
        var (tenant, _) = await QueueAsync();
        var extension = (await (await tenant.Http.GetAsync("/v1/signatures")).OkAsync())[0].Str("extension");
        await _app.Services.GetRequiredService<IChannelEventSink>().HandleAsync(new InboundEvent(
            "primary", _app.Clock.GetUtcNow().UtcDateTime, "8613912345678", "1069000" + extension, "第一部分", new InboundPart(9, 2, 1)), default);

        var inbound = _app.Services.GetRequiredService<InboundMessages>();
        Assert.Equal(0, await _app.WithDbAsync(db => inbound.FileIncompleteAsync(db, _app.Clock.GetUtcNow().UtcDateTime - MessageRetention.IncompleteReplyWait, default)));

        // The hourly retention job files it.
        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        JsonElement replies = default;
        await Channels.Wait.Until(async () =>
        {
            replies = await (await tenant.Http.GetAsync("/v1/inbound")).OkAsync();
            return replies.GetArrayLength() == 1;
        }, "the retention job to file the reply");
        Assert.Equal("第一部分…", replies[0].Str("text"));
    }

    [Fact]
    public async Task CarrierIds_AreForgottenAfterTheReceiptWindow_AndLateReceiptsAreCountedNotApplied()
    {
        var (_, id) = await QueueAsync();
        await RunWorkerAsync();
        var receipts = _app.Services.GetRequiredService<Receipts>();
        Task<int> PartsAsync() => _app.WithDbAsync(db => db.MessageParts.CountAsync(p => p.MessageId == id));

        // The hourly retention job may run as the clock moves; pruning here as well makes the moment certain.
        _app.Clock.Advance(TimeSpan.FromHours(71));
        await _app.WithDbAsync(db => receipts.PruneAsync(db, TimeSpan.FromHours(72), default));
        Assert.Equal(1, await PartsAsync());
        _app.Clock.Advance(TimeSpan.FromHours(2));
        await _app.WithDbAsync(db => receipts.PruneAsync(db, TimeSpan.FromHours(72), default));
        Assert.Equal(0, await PartsAsync());
        await ReceiptAsync("primary", "p-1", ReceiptOutcome.Delivered);

        Assert.Equal(MessageStatus.Submitted, (await MessageAsync(id)).Status);
        Assert.Equal(1, await _app.WithDbAsync(db => db.UnmatchedReceipts.CountAsync()));
    }
}
