using System.Collections.Concurrent;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// The delivery worker's submit slots (at most <see cref="DeliveryOptions.Concurrency"/> submits at once) and the
/// messages handed over to it, codes first. A handed-over message starts the moment a slot is free, whoever frees
/// it: a submit that finished, or a round that took slots for a claim and got fewer messages than it asked for.
/// Nothing else wakes a handed-over message, so no path may free a slot without looking at them.
/// </summary>
internal sealed class SubmitSlots(int count, Action<MessageRecord> start)
{
    private readonly SemaphoreSlim _free = new(count, count);
    private readonly ConcurrentQueue<MessageRecord> _codes = new();
    private readonly ConcurrentQueue<MessageRecord> _others = new();

    /// <summary>Waits until <paramref name="atLeast"/> slots are free and takes them, with any others free, up to <paramref name="atMost"/>.</summary>
    public async Task<int> TakeAsync(int atLeast, int atMost, CancellationToken cancellationToken)
    {
        var taken = 0;
        try
        {
            for (; taken < atLeast; taken++)
            {
                await _free.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (taken > 0)
        {
            Return(taken);
            throw;
        }
        while (taken < atMost && _free.Wait(0, CancellationToken.None))
        {
            taken++;
        }
        return taken;
    }

    /// <summary>Starts handed-over messages with slots already taken; returns the slots left.</summary>
    public int StartHanded(int slots)
    {
        while (slots > 0 && TryDequeue(out var message))
        {
            start(message);
            slots--;
        }
        return slots;
    }

    /// <summary>Gives back slots that were taken and not used (a submit that ended, a claim that came back short).</summary>
    public void Return(int slots)
    {
        if (slots > 0)
        {
            _free.Release(slots);
            StartHandedWhileFree();
        }
    }

    /// <summary>Hands messages over: each starts now if a slot is free, else when one is given back.</summary>
    public void Hand(List<MessageRecord> messages)
    {
        foreach (var message in messages)
        {
            (message.Priority == MessageRecord.CodePriority ? _codes : _others).Enqueue(message);
        }
        StartHandedWhileFree();
    }

    private void StartHandedWhileFree()
    {
        while (!(_codes.IsEmpty && _others.IsEmpty) && _free.Wait(0, CancellationToken.None))
        {
            if (TryDequeue(out var message))
            {
                start(message);
            }
            else
            {
                _free.Release();
            }
        }
    }

    /// <summary>Takes every handed-over message that has not started (on a stop).</summary>
    public List<MessageRecord> DrainHanded()
    {
        List<MessageRecord> waiting = [];
        while (TryDequeue(out var message))
        {
            waiting.Add(message);
        }
        return waiting;
    }

    private bool TryDequeue(out MessageRecord message) => _codes.TryDequeue(out message!) || _others.TryDequeue(out message!);
}
