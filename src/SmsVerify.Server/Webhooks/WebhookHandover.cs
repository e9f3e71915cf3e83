using System.Collections.Concurrent;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// Events handed from the write that made them to this node's dispatcher once it has committed, already locked to
/// the dispatcher in the outbox, so that posting them takes no claim statement and no wait for a poll. Bounded: past
/// <see cref="MaxWaiting"/> events are written unlocked and the dispatcher's poll finds them. Events handed over and
/// lost with the process are still in the outbox, and are posted once their lock runs out.
/// </summary>
public sealed class WebhookHandover
{
    public const int MaxWaiting = 20_000;

    private readonly ConcurrentQueue<WebhookDelivery> _waiting = new();
    private int _reserved;

    /// <summary>Reserves room for <paramref name="count"/> events; false when the handover is full.</summary>
    public bool TryReserve(int count)
    {
        if (Interlocked.Add(ref _reserved, count) <= MaxWaiting)
        {
            return true;
        }
        Interlocked.Add(ref _reserved, -count);
        return false;
    }

    /// <summary>Gives back room reserved for events whose write did not commit.</summary>
    public void Unreserve(int count) => Interlocked.Add(ref _reserved, -count);

    /// <summary>Hands over committed events; the caller wakes the dispatcher.</summary>
    public void Add(List<WebhookDelivery> events) => events.ForEach(_waiting.Enqueue);

    /// <summary>Takes what is waiting, in the order it was handed over.</summary>
    public List<WebhookDelivery> TakeAll()
    {
        var taken = new List<WebhookDelivery>();
        while (_waiting.TryDequeue(out var delivery))
        {
            taken.Add(delivery);
        }
        Interlocked.Add(ref _reserved, -taken.Count);
        return taken;
    }
}
