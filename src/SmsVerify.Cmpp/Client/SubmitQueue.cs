using System.Collections.Concurrent;

namespace SmsVerify.Cmpp.Client;

/// <summary>
/// Messages waiting for a window slot; it outlives the links. New messages queue in order; a message put back (flow
/// control, or never written on a link that dropped) goes on a stack in front of them, so it is the next one sent.
/// A message withdrawn by its caller stays in place and is skipped when it comes up.
/// </summary>
internal sealed class SubmitQueue
{
    private readonly ConcurrentStack<PendingSubmit> _putBack = new();
    private readonly ConcurrentQueue<PendingSubmit> _fresh = new();
    private readonly SemaphoreSlim _available = new(0);

    public int Count => _putBack.Count + _fresh.Count;

    public void Enqueue(PendingSubmit item)
    {
        _fresh.Enqueue(item);
        _available.Release();
    }

    public void PutBack(PendingSubmit item)
    {
        item.Requeue();
        _putBack.Push(item);
        _available.Release();
    }

    public async ValueTask<PendingSubmit> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            if ((_putBack.TryPop(out var item) || _fresh.TryDequeue(out item)) && item.TryTake())
            {
                return item;
            }
        }
    }

    /// <summary>Everything still queued, for the client to fail when it stops.</summary>
    public List<PendingSubmit> DrainAll()
    {
        var all = new List<PendingSubmit>();
        while (_putBack.TryPop(out var item) || _fresh.TryDequeue(out item))
        {
            if (item.TryTake())
            {
                all.Add(item);
            }
        }
        return all;
    }
}
