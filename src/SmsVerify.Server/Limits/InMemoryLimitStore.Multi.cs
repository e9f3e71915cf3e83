namespace SmsVerify.Server.Limits;

internal sealed partial class InMemoryLimitStore
{
    /// <summary>
    /// Takes every key's lock, in key order so that two acquires over the same keys cannot deadlock, then decides
    /// and counts under all of them: no other caller sees a state between the check and the count.
    /// </summary>
    public ValueTask<MultiLimitDecision> TryAcquireAllAsync(
        ReadOnlyMemory<LimitRequest> requests, bool refuseWhenRaised, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var span = requests.Span;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(span.Length, MultiLimitDecision.MaxRequests);
        var logs = new HitLog[span.Length];
        var order = new int[span.Length];
        for (var i = 0; i < span.Length; i++)
        {
            order[i] = i;
        }
        var keys = span.ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(keys[a].Key, keys[b].Key));
        while (true)
        {
            for (var i = 0; i < span.Length; i++)
            {
                logs[i] = _logs.GetOrAdd(span[i].Key, static _ => new HitLog());
            }
            var taken = 0;
            try
            {
                var removed = false;
                for (; taken < order.Length; taken++)
                {
                    Monitor.Enter(logs[order[taken]]);
                    removed |= logs[order[taken]].Removed;
                }
                // The sweeper removed a log between our lookup and its lock: look the keys up again.
                if (!removed)
                {
                    return ValueTask.FromResult(Decide(span, logs, refuseWhenRaised, now.UtcTicks));
                }
            }
            finally
            {
                for (var i = taken - 1; i >= 0; i--)
                {
                    Monitor.Exit(logs[order[i]]);
                }
            }
        }
    }

    private static MultiLimitDecision Decide(ReadOnlySpan<LimitRequest> requests, HitLog[] logs, bool refuseWhenRaised, long now)
    {
        var refused = -1;
        var refusal = LimitDecision.Allow;
        long raised = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            var request = requests[i];
            if (request.Use == LimitUse.Signal)
            {
                if (logs[i].WouldReach(request.Windows.Span, now))
                {
                    raised |= 1L << i;
                    if (refuseWhenRaised && refused < 0)
                    {
                        (refused, refusal) = (i, LimitDecision.Refuse(request.Windows.Span[0], TimeSpan.Zero));
                    }
                }
                continue;
            }
            var decision = logs[i].Evaluate(request.Windows.Span, now);
            if (!decision.Allowed && refused < 0)
            {
                (refused, refusal) = (i, decision);
            }
        }
        if (refused >= 0)
        {
            return new MultiLimitDecision(refused, refusal.Window, refusal.RetryAfter, raised);
        }
        for (var i = 0; i < requests.Length; i++)
        {
            if (requests[i].Use != LimitUse.Check)
            {
                logs[i].Record(requests[i].Windows.Span, now);
            }
        }
        return MultiLimitDecision.Allow(raised);
    }
}
