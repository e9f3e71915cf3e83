using Microsoft.Extensions.Options;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Moves queued messages to carriers: keeps up to <see cref="DeliveryOptions.Concurrency"/> submits in flight
/// (enough to keep the channels' windows full) and claims more as they finish, rather than waiting for a whole
/// batch, whose slowest submit would hold up the next. Every node runs one; leases keep them from taking the same
/// message. Sends accepted on this node skip the queue when a slot is free (the other part of this class).
/// </summary>
internal sealed partial class DeliveryWorker(
    IServiceScopeFactory scopes, DeliveryNode node, DeliveryAttempt attempt, MessageOutcomes outcomes, IChannelRoutes routes,
    ChannelComeback comeback, DeliverySignal signal, IOptions<DeliveryOptions> options, TimeProvider clock, ILogger<DeliveryWorker> logger)
    : PollingWorker(signal, logger)
{
    private readonly Lock _inFlightLock = new();
    private readonly HashSet<Task> _inFlight = [];

    // The ChannelComeback count the worker last made the waiting messages due for.
    private int _comebacksSeen;

    // Whether the last claim took all it asked for: then the queue may hold more, and the next claim waits for a refill.
    private bool _backlog;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override int BatchSize => options.Value.BatchSize;

    protected override bool MayHaveMore(int taken) => _backlog;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return Task.CompletedTask;
        }
        comeback.Raised += signal.Wake;
        return base.ExecuteAsync(stoppingToken);
    }

    /// <summary>
    /// Waits for a free slot, claims as many messages as there are free slots (at most a batch) and starts
    /// submitting them; returns how many were claimed. <see cref="WhenIdleAsync"/> waits for their outcomes.
    /// </summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (routes.FirstBindPending || routes.HeldElsewhere)
        {
            // Just started: what it claimed now, a restart's recovered claims included, would wait out a backoff.
            // Or other nodes hold every bind: they send what is queued.
            _backlog = false;
            return 0;
        }
        var asked = Slots.StartHanded(await TakeSlotsAsync(cancellationToken));
        if (asked == 0)
        {
            // Every slot it got went to messages handed over, which are older than what the queue has since.
            _backlog = true;
            return 0;
        }
        List<MessageRecord> claimed;
        try
        {
            var comebacks = comeback.Count;
            if (comebacks != _comebacksSeen)
            {
                _comebacksSeen = comebacks;
                // A channel is back: what waited for one, or for its retry after an unanswered submit, goes now.
                await outcomes.MakeWaitingDueAsync();
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            claimed = await MessageClaims.ClaimAsync(db, node.Id, asked, clock.UtcNowForStorage(), options.Value.Lease, cancellationToken);
        }
        catch
        {
            Slots.Return(asked);
            throw;
        }
        _backlog = claimed.Count == asked;
        if (!_backlog)
        {
            // The queue is empty (of what is due): sends may be handed over again.
            _queueFirst = false;
        }
        // A send handed over while this round held the slots starts with those it gives back.
        Slots.Return(asked - claimed.Count);
        foreach (var message in claimed)
        {
            Track(SubmitAsync(message));
        }
        return claimed.Count;
    }

    /// <summary>
    /// Waits for free slots and takes them: one, and whatever else is free, when the queue was drained; a quarter of
    /// them while it has a backlog, so that each claim takes many messages instead of one claim a message as submits
    /// finish one by one. The submits still in flight keep the channels' windows busy meanwhile.
    /// </summary>
    private Task<int> TakeSlotsAsync(CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        var refill = _backlog ? Math.Clamp(options.Value.Concurrency / 4, 1, batch) : 1;
        return Slots.TakeAsync(refill, batch, cancellationToken);
    }

    /// <summary>Completes when every submit started so far has its outcome written.</summary>
    public Task WhenIdleAsync()
    {
        lock (_inFlightLock)
        {
            return Task.WhenAll(_inFlight);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Submits under way finish, so their outcomes are written rather than left for the lease to run out.
        await WhenIdleAsync().WaitAsync(cancellationToken);
        await ReleaseHandedAsync(cancellationToken);
    }

    private async Task SubmitAsync(MessageRecord message)
    {
        try
        {
            await attempt.RunAsync(message, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Left claimed: when the lease ends it is retried, marked as possibly sent.
            Log.AttemptFailed(logger, message.Id, e);
        }
        finally
        {
            Slots.Return(1);
        }
    }

    private void Track(Task submit)
    {
        lock (_inFlightLock)
        {
            _inFlight.Add(submit);
        }
        _ = submit.ContinueWith(done =>
        {
            lock (_inFlightLock)
            {
                _inFlight.Remove(done);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Error, "Submitting message {MessageId} failed unexpectedly; it is retried when its lease ends.")]
        public static partial void AttemptFailed(ILogger logger, Guid messageId, Exception exception);
    }
}
