using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

// Sends accepted on this node go straight to its worker: their messages are stored already claimed by this node and
// submitted as soon as the send commits and a slot is free, with no claim statement and no wait for a poll. A node
// that dies before submitting them leaves claims like any other, freed as DeliveryNode says.
internal sealed partial class DeliveryWorker
{
    // The slots, and what was handed over and waits for one. Made on first use, because it starts this worker's
    // submits, which a field initializer cannot name.
    private SubmitSlots? _slots;

    private SubmitSlots Slots => LazyInitializer.EnsureInitialized(ref _slots, () => new SubmitSlots(options.Value.Concurrency, StartHanded));

    // Claimed for a handover and not yet submitting: bounded, so that what waits in memory under a lease stays short.
    private int _handed;

    // Set when a send found the handover full, so its messages went to the queue: until a claim has emptied the queue,
    // no send is handed over, so that those older messages are not overtaken for as long as sends keep coming.
    private volatile bool _queueFirst;

    private int MaxHanded => 4 * options.Value.Concurrency;

    /// <summary>
    /// Marks <paramref name="messages"/> claimed by this node, for their send to store that way and hand them over
    /// once committed. False when this node runs no worker, its channels are still making their first bind, another
    /// node holds the binds of a channel for one of them, the queue holds older messages, or enough is waiting
    /// already: then they are stored queued, for a claim.
    /// </summary>
    public bool TryClaimForHandoff(List<MessageRecord> messages, DateTime now)
    {
        if (!options.Value.RunWorker || _queueFirst || _backlog || routes.FirstBindPending || AnyHeldElsewhere(messages))
        {
            return false;
        }
        if (Interlocked.Add(ref _handed, messages.Count) > MaxHanded)
        {
            Interlocked.Add(ref _handed, -messages.Count);
            _queueFirst = true;
            return false;
        }
        var claim = Guid.NewGuid();
        foreach (var message in messages)
        {
            (message.ClaimToken, message.ClaimedBy, message.LeaseUntil, message.Attempts) = (claim, node.Id, now + options.Value.Lease, 1);
        }
        return true;
    }

    private bool AnyHeldElsewhere(List<MessageRecord> messages)
    {
        foreach (var message in messages)
        {
            if (routes.HeldElsewhereFor(message.To))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Submits messages that <see cref="TryClaimForHandoff"/> claimed, once their send has committed, as slots free up.</summary>
    public void HandOff(List<MessageRecord> messages) => Slots.Hand(messages);

    /// <summary>Forgets messages claimed for a send that was then refused: none of them was stored.</summary>
    public void CancelHandoff(List<MessageRecord> messages) => Interlocked.Add(ref _handed, -messages.Count);

    /// <summary>
    /// On a stop, gives back the claims of handed-over messages that never got a slot: they were not submitted, so
    /// the next claim takes them as plain queued messages rather than as possibly sent.
    /// </summary>
    private async Task ReleaseHandedAsync(CancellationToken cancellationToken)
    {
        var waiting = Slots.DrainHanded().ConvertAll(m => m.Id);
        if (waiting.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        await MessageClaims.ReleaseAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), node.Id, waiting, cancellationToken);
    }

    /// <summary>Submits a handed-over message with a slot <see cref="Slots"/> took for it.</summary>
    private void StartHanded(MessageRecord message)
    {
        Interlocked.Decrement(ref _handed);
        Track(SubmitAsync(message));
    }
}
