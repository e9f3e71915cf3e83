using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.Tests.Messages;

/// <summary>
/// The whole server, its worker running, against an SMSC that misbehaves one way at a time: it refuses binds,
/// answers with system errors and generic_nack, drops the link with submits in flight, restarts and numbers its
/// ids from the start, sends receipts that cannot be read. Each test counts what the SMSC received and checks what
/// became of every message. The server's clock stands still, so no retry falls due by waiting: a message moves on
/// only because the channel came back, or because the test moves the clock by the first, shortest backoff.
/// </summary>
public sealed class MisbehavingCarrierTests : IAsyncLifetime
{
    private readonly CarrierSmsc _smsc = new();
    private SmppServer _server = null!;
    private SmsVerifyApp _app = null!;
    private LiveSender _sender = null!;
    private string _template = "";

    public async Task InitializeAsync()
    {
        _server = new SmppServer(handler: _smsc).Start();
        _app = await SmsVerifyApp.StartAsync(new()
        {
            ["Channels:0:Name"] = "cmcc",
            ["Channels:0:Host"] = "127.0.0.1",
            ["Channels:0:Port"] = _server.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:0:SystemId"] = CarrierSmsc.SystemId,
            ["Channels:0:Password"] = CarrierSmsc.Password,
            ["Channels:0:SourceAddress"] = "1069000",
            ["Channels:0:ReconnectDelay"] = "00:00:00.05",
            ["Channels:0:ReconnectMaxDelay"] = "00:00:00.2",
            // A breaker that would stay open for the whole test once open.
            ["Channels:0:Breaker:Cooldown"] = "01:00:00",
        });
        _sender = await _app.CreateLiveSenderAsync();
        _template = await _sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await _app.TopUpAsync(_sender.Tenant.Id, 10m);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task BindRefused_MessagesWaitQueued_ThenEachGoesOnce_AsSoonAsTheBindIsMade()
    {
        await WaitForBindAsync();
        _smsc.RefuseBinds = true;
        _smsc.Session!.Abort();
        await Wait.Until(async () => (await ChannelAsync()).Str("state") == "down", "the channel to lose its bind");
        var ids = await SendAsync(5);
        await UntilAllAsync(ids, m => m.Status == MessageStatus.Queued && m.ErrorCode == "no_channel", "every message to find no channel");

        _smsc.RefuseBinds = false;

        await UntilAllAsync(ids, m => m.Status == MessageStatus.Submitted, "every message to be submitted");
        Assert.Equal(5, _smsc.Submits.Count);
        Assert.All(await MessagesAsync(ids), m => Assert.Equal((1, false), (m.Attempts, m.OutcomeUnknown)));
    }

    [Fact]
    public async Task SystemErrorsAndGenericNacks_FailNothing_AndEveryMessageGoesOnceTheSmscIsWell()
    {
        _smsc.StatusOf = n => n <= 3 ? CommandStatus.SystemError : CommandStatus.Ok;
        _smsc.AnswerWith = (n, submit) => n is > 3 and <= 6
            ? new GenericNack { CommandStatus = CommandStatus.InvalidCommandLength, SequenceNumber = submit.SequenceNumber } : null;
        await WaitForBindAsync();
        var ids = await SendAsync(6);
        await UntilAllAsync(ids, m => m.Status == MessageStatus.Queued && m.ErrorCode is "ESME_RSYSERR" or "ESME_RINVCMDLEN",
            "every message to be refused for now");

        AdvanceClock(TimeSpan.FromSeconds(5));

        await UntilAllAsync(ids, m => m.Status == MessageStatus.Submitted, "every message to be submitted");
        Assert.Equal(12, _smsc.Submits.Count); // six refused, six taken
        Assert.All(await MessagesAsync(ids), m => Assert.Equal((1, false), (m.Attempts, m.OutcomeUnknown)));
    }

    [Fact]
    public async Task LinkDroppedWithSubmitsInFlight_EveryMessageArrives_CopiesOnlyOfTheUnanswered_AndTheyAreCounted()
    {
        _smsc.DropAt = n => n == 3;
        await WaitForBindAsync();
        var ids = await SendAsync(6, oneByOne: false);
        await UntilAllAsync(ids, m => m.Status == MessageStatus.Submitted || (m.Status == MessageStatus.Queued && m.ErrorCode != null),
            "every message to be submitted or back in the queue");

        AdvanceClock(TimeSpan.FromSeconds(5));

        await UntilAllAsync(ids, m => m.Status == MessageStatus.Submitted, "every message to be submitted");
        var messages = await MessagesAsync(ids);
        var unanswered = messages.Count(m => m.OutcomeUnknown);
        Assert.InRange(unanswered, 1, 6); // the third at least was written and never answered
        // Each message reached the SMSC; beyond that, only the unanswered may have come twice.
        Assert.InRange(_smsc.Submits.Count, 6, 6 + unanswered);
        Assert.All(messages.Where(m => m.OutcomeUnknown), m => Assert.Equal(2, m.Attempts));
        var channel = await ChannelAsync();
        Assert.Equal(unanswered, channel.GetProperty("unknown").GetInt64());
        Assert.Equal(unanswered, channel.GetProperty("resent").GetInt64());
    }

    [Fact]
    public async Task RestartedSmsc_ReusingItsIds_EveryMessageGoesOnce_AndTheReceiptSettlesTheNewest()
    {
        await WaitForBindAsync();
        var first = (await SendAsync(1)).Single();
        await UntilAllAsync([first], m => m.Status == MessageStatus.Submitted, "the first message to be submitted");

        // The SMSC restarts on the same port and numbers its ids from the start again.
        var port = _server.EndPoint.Port;
        var restarted = new CarrierSmsc();
        await _server.DisposeAsync();
        _server = new SmppServer(new SmppServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, port) }, restarted).Start();
        await Wait.Until(() => restarted.Binds == 1, "the bind to the restarted SMSC");
        var second = (await SendAsync(1, firstNumber: 50)).Single();
        await UntilAllAsync([second], m => m.Status == MessageStatus.Submitted, "the second message to be submitted");

        Assert.Equal((1, 1), (_smsc.Submits.Count, restarted.Submits.Count));
        var id = await _app.WithDbAsync(db => db.MessageParts.Where(p => p.MessageId == second).Select(p => p.CarrierMessageId).SingleAsync());
        Assert.Equal(id, await _app.WithDbAsync(db => db.MessageParts.Where(p => p.MessageId == first).Select(p => p.CarrierMessageId).SingleAsync()));
        restarted.Deliver(Receipt($"id:{id} sub:001 dlvrd:001 submit date:2612051200 done date:2612051201 stat:DELIVRD err:000 text:"));
        await UntilAllAsync([second], m => m.Status == MessageStatus.Delivered, "the receipt to settle the newer message");
        Assert.Equal(MessageStatus.Submitted, (await MessagesAsync([first])).Single().Status);
    }

    [Fact]
    public async Task UnreadableReceipt_IsAcknowledged_AndLeavesTheMessageAsItWas()
    {
        await WaitForBindAsync();
        var message = (await SendAsync(1)).Single();
        await UntilAllAsync([message], m => m.Status == MessageStatus.Submitted, "the message to be submitted");
        var id = await _app.WithDbAsync(db => db.MessageParts.Where(p => p.MessageId == message).Select(p => p.CarrierMessageId).SingleAsync());

        _smsc.Deliver(Receipt($"id:{id} sub:001 dlvrd:000 submit date:2612051200 done date:2612051201 stat:?????? err:000 text:"));
        await Wait.Until(() => _smsc.DeliverSmResps.Count == 1, "the deliver_sm_resp");
        Assert.Equal(CommandStatus.Ok, Assert.Single(_smsc.DeliverSmResps));
        Assert.Equal(MessageStatus.Submitted, (await MessagesAsync([message])).Single().Status);
        Assert.Equal(1, (await ChannelAsync()).GetProperty("unreadableReceipts").GetInt64());

        _smsc.Deliver(Receipt($"id:{id} sub:001 dlvrd:001 submit date:2612051200 done date:2612051201 stat:DELIVRD err:000 text:"));
        await UntilAllAsync([message], m => m.Status == MessageStatus.Delivered, "the readable receipt to settle it");
    }

    [Fact]
    public async Task ReplyWithANul_IsStoredWithoutIt_NotRefusedForEver()
    {
        await WaitForBindAsync();

        _smsc.Deliver(new DeliverSm
        {
            SourceAddr = "13812345678",
            DestinationAddr = "1069000",
            DataCoding = 0x03, // Latin-1, where a 0x00 octet is a NUL character
            ShortMessage = "T\0D"u8.ToArray(),
        });

        await Wait.Until(() => _smsc.DeliverSmResps.Count == 1, "the deliver_sm_resp");
        Assert.Equal(CommandStatus.Ok, Assert.Single(_smsc.DeliverSmResps));
        var stored = await _app.WithDbAsync(db => db.InboundMessages.AsNoTracking().SingleAsync());
        Assert.Equal(("TD", "+8613812345678"), (stored.Text, stored.From));
    }

    /// <summary>
    /// Moves the server's clock, and wakes the worker as its poll would: a poll timer started after the move waits on
    /// the moved clock, which then stands still again.
    /// </summary>
    private void AdvanceClock(TimeSpan by)
    {
        _app.Clock.Advance(by);
        _app.Services.GetRequiredService<DeliverySignal>().Wake();
    }

    private Task WaitForBindAsync() => Wait.Until(async () => (await ChannelAsync()).Str("state") == "up", "the bind");

    /// <summary>Notifications to distinct numbers (no number's limits in the way), one request each unless told otherwise.</summary>
    private async Task<List<Guid>> SendAsync(int count, bool oneByOne = true, int firstNumber = 0)
    {
        var numbers = Enumerable.Range(firstNumber, count).Select(i => $"+86139123456{i:00}").ToArray();
        var batches = oneByOne ? numbers.Select(n => new[] { n }) : [numbers];
        var ids = new List<Guid>();
        foreach (var batch in batches)
        {
            var sent = await (await _sender.SendAsync(_template, new { order = "7" }, batch)).OkAsync(HttpStatusCode.Accepted);
            ids.AddRange(sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        }
        return ids;
    }

    private Task<List<MessageRecord>> MessagesAsync(IReadOnlyCollection<Guid> ids) =>
        _app.WithDbAsync(db => db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());

    /// <summary>Waits for every message to be in <paramref name="state"/>; a timeout names where each one is, and the channel's state.</summary>
    private async Task UntilAllAsync(IReadOnlyCollection<Guid> ids, Func<MessageRecord, bool> state, string what)
    {
        try
        {
            await Wait.Until(() => AllAsync(ids, state), what);
        }
        catch (TimeoutException e)
        {
            var where = string.Join("; ", (await MessagesAsync(ids)).Select(m =>
                $"{m.Id}: {m.Status} error={m.ErrorCode} attempts={m.Attempts} next={m.NextAttemptAt:O} lease={m.LeaseUntil:O} unknown={m.OutcomeUnknown}"));
            throw new TimeoutException($"{e.Message}; clock {_app.Clock.GetUtcNow():O}; messages: {where}; channel: {await ChannelAsync()}", e);
        }
    }

    private async Task<bool> AllAsync(IReadOnlyCollection<Guid> ids, Func<MessageRecord, bool> state) =>
        (await MessagesAsync(ids)) is var messages && messages.Count == ids.Count && messages.All(state);

    private async Task<System.Text.Json.JsonElement> ChannelAsync() =>
        (await (await _app.Operator().GetAsync("/v1/channels")).OkAsync()).EnumerateArray().Single(c => c.Str("name") == "cmcc");

    private static DeliverSm Receipt(string text) => new()
    {
        SourceAddr = "8613912345600",
        DestinationAddr = "1069000",
        EsmClass = DeliverSm.EsmClassDeliveryReceipt,
        ShortMessage = Encoding.ASCII.GetBytes(text),
    };
}
