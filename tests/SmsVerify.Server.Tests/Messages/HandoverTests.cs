using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Messages;

/// <summary>
/// Sends hand their messages straight to the node's running delivery worker; past what the handover holds they wait
/// in the queue for a claim. Either way they leave in the order they were accepted, and none is marked as possibly sent.
/// </summary>
public sealed class HandoverTests : IAsyncLifetime
{
    private readonly HeldChannel _channel = new();
    private readonly SmsVerifyApp _app;

    public HandoverTests() => _app = new SmsVerifyApp
    {
        // One submit at a time: with it held, four more messages fill the handover and the rest wait in the queue.
        Settings = { ["Delivery:Concurrency"] = "1" },
        TestServices = services => services.AddSingleton<IChannelRoutes>(new HeldRoutes(_channel)),
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task BurstPastTheHandover_WaitsInTheQueue_AndLeavesInOrder_NoneMarked()
    {
        var sender = await _app.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(_app, Messaging.Notification, "notification");
        await _app.TopUpAsync(sender.Tenant.Id, 10m);
        var numbers = Enumerable.Range(0, 10).Select(i => $"+86139123456{i:D2}").ToList();

        foreach (var number in numbers)
        {
            await (await sender.SendAsync(template, new { order = "1" }, number)).OkAsync(HttpStatusCode.Accepted);
        }
        await _channel.FirstSubmit;
        // One message at the carrier and four handed over are claimed by this node; the rest wait unclaimed.
        var claimed = await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == sender.Tenant.Id && m.LeaseUntil != null));
        Assert.Equal(5, claimed);

        _channel.Open();
        var submitted = await _channel.UntilAsync(numbers.Count);

        Assert.Equal(numbers, submitted);
        List<Server.Messages.MessageRecord> messages = [];
        for (var waited = 0; waited < 30_000; waited += 20)
        {
            // The outcomes are written just after the carrier answers.
            messages = await _app.WithDbAsync(db => db.Messages.AsNoTracking().Where(m => m.TenantId == sender.Tenant.Id).ToListAsync());
            if (messages.TrueForAll(m => m.Status != Server.Messages.MessageStatus.Queued))
            {
                break;
            }
            await Task.Delay(20);
        }
        Assert.All(messages, m => Assert.Equal((Server.Messages.MessageStatus.Submitted, false, 1), (m.Status, m.OutcomeUnknown, m.Attempts)));
    }

    /// <summary>A carrier that takes nothing until the test opens it, then accepts everything.</summary>
    private sealed class HeldChannel : IMessageChannel
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<string> _submitted = new();
        private int _ids;

        public string Name => "held";

        public int Priority => 1;

        public ChannelState State => ChannelState.Up;

        public Task FirstSubmit => _first.Task;

        public bool Serves(Carrier carrier) => true;

        public void Open() => _open.TrySetResult();

        public async ValueTask<SubmitOutcome> SubmitAsync(OutboundSms sms, CancellationToken cancellationToken)
        {
            _first.TrySetResult();
            await _open.Task;
            _submitted.Enqueue(sms.To);
            return new SubmitOutcome.Accepted([$"h-{Interlocked.Increment(ref _ids)}"]);
        }

        /// <summary>The numbers submitted, in order, once there are <paramref name="count"/>; a hang guard, not a timing.</summary>
        public async Task<List<string>> UntilAsync(int count)
        {
            for (var waited = 0; _submitted.Count < count && waited < 30_000; waited += 20)
            {
                await Task.Delay(20);
            }
            return [.. _submitted];
        }
    }

    private sealed class HeldRoutes(HeldChannel channel) : IChannelRoutes
    {
        public IMessageChannel? Pick(string to, IReadOnlySet<string> excluded) => excluded.Contains(channel.Name) ? null : channel;

        public bool FirstBindPending => false;
    }
}
