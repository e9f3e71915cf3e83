namespace SmsVerify.Smpp.Client;

/// <summary>
/// Messages waiting for a window slot. Survives reconnects: a message put back (throttled, or queued but never
/// written on a link that dropped) goes to the front, so it is the next one sent.
/// </summary>
internal sealed class SubmitQueue
{
    private readonly LinkedList<PendingSubmit> _items = new();
    private readonly SemaphoreSlim _count = new(0);

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public void Enqueue(PendingSubmit item)
    {
        lock (_items)
        {
            item.Node = _items.AddLast(item);
        }
        _count.Release();
    }

    public void PushFront(PendingSubmit item)
    {
        lock (_items)
        {
            item.Node = _items.AddFirst(item);
        }
        _count.Release();
    }

    /// <summary>Waits for the first message and takes it off the queue.</summary>
    public async ValueTask<PendingSubmit> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _count.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_items)
            {
                // A message cancelled while queued left its count behind; skip it.
                if (_items.First is { } first)
                {
                    _items.RemoveFirst();
                    first.Value.Node = null;
                    return first.Value;
                }
            }
        }
    }

    /// <summary>Removes a queued message (its caller cancelled); false if a link already took it.</summary>
    public bool TryRemove(PendingSubmit item)
    {
        lock (_items)
        {
            if (item.Node is null)
            {
                return false;
            }
            _items.Remove(item.Node);
            item.Node = null;
            return true;
        }
    }

    public List<PendingSubmit> DrainAll()
    {
        lock (_items)
        {
            var all = new List<PendingSubmit>(_items);
            _items.Clear();
            foreach (var item in all)
            {
                item.Node = null;
            }
            return all;
        }
    }
}
