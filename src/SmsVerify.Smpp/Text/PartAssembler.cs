namespace SmsVerify.Smpp.Text;

/// <summary>
/// Holds the parts of long messages (one bind's, say) until the last one arrives, then gives the whole text, parts
/// joined in sequence order whatever order they came in. Bounded three ways, since the parts come from outside:
/// at most <c>maxPendingMessages</c> messages pending, at most 255 parts each (the UDH and SAR counters are one octet),
/// and each for at most <c>holdTime</c> from its first part. Expired messages are dropped on the next
/// <see cref="Add"/> (no timer) and reported by <see cref="DropExpired"/>. Safe to call from several threads.
/// </summary>
public sealed class PartAssembler(int maxPendingMessages, TimeSpan holdTime, TimeProvider clock)
{
    private const int MaxReported = 100;

    private readonly Dictionary<(string Key, int Reference), PendingMessage> _pending = [];
    private readonly List<string> _expired = [];
    private readonly Lock _gate = new();

    /// <summary>Messages waiting for parts now.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Adds part <paramref name="part"/> of a message. <paramref name="key"/> says whose message it is (the source and
    /// destination addresses, say): the same reference from two senders is two messages.
    /// </summary>
    public AssembleResult Add(string key, MessagePart part, string text)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Total is < 1 or > 255 || part.Sequence < 1 || part.Sequence > part.Total)
        {
            throw new ArgumentOutOfRangeException(nameof(part), part, "a part is 1..total of at most 255 parts");
        }
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            Expire(now);
            if (!_pending.TryGetValue((key, part.Reference), out var message))
            {
                if (_pending.Count >= maxPendingMessages)
                {
                    return new(AssembleOutcome.Full);
                }
                message = new PendingMessage(part.Total, now + holdTime);
                _pending[(key, part.Reference)] = message;
            }
            else if (message.Parts.Length != part.Total)
            {
                return new(AssembleOutcome.Inconsistent);
            }
            var slot = part.Sequence - 1;
            if (message.Parts[slot] is not null)
            {
                return new(AssembleOutcome.Duplicate);
            }
            message.Parts[slot] = text;
            if (++message.Held < part.Total)
            {
                return new(AssembleOutcome.Waiting);
            }
            _pending.Remove((key, part.Reference));
            return new(AssembleOutcome.Complete, string.Concat(message.Parts));
        }
    }

    /// <summary>
    /// Drops the messages held past their time and returns them, with those dropped by <see cref="Add"/> since the last
    /// call (at most 100), each as "key ref N: held/total parts", for a log line.
    /// </summary>
    public IReadOnlyList<string> DropExpired()
    {
        lock (_gate)
        {
            Expire(clock.GetUtcNow());
            var dropped = _expired.ToArray();
            _expired.Clear();
            return dropped;
        }
    }

    // A scan of every pending message per call: they are few (one bind's), and it spares a timer.
    private void Expire(DateTimeOffset now)
    {
        List<(string, int)>? expired = null;
        foreach (var (id, message) in _pending)
        {
            if (message.Deadline <= now)
            {
                (expired ??= []).Add(id);
            }
        }
        foreach (var id in expired ?? [])
        {
            _pending.Remove(id, out var message);
            if (_expired.Count < MaxReported)
            {
                _expired.Add($"{id.Item1} ref {id.Item2}: {message!.Held}/{message.Parts.Length} parts");
            }
        }
    }

    private sealed class PendingMessage(int total, DateTimeOffset deadline)
    {
        public string?[] Parts { get; } = new string?[total];
        public DateTimeOffset Deadline { get; } = deadline;
        public int Held { get; set; }
    }
}
