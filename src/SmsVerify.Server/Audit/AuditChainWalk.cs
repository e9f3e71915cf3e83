namespace SmsVerify.Server.Audit;

/// <summary>
/// Follows the chain record by record from where it starts: the genesis, or, once records were pruned, the newest
/// anchor (the first remaining record must be the anchor's next and chain to its hash).
/// </summary>
internal sealed class AuditChainWalk(AuditAnchor? anchor)
{
    private byte[] _previous = anchor?.Hash ?? AuditChain.Genesis;

    /// <summary>The sequence the next record must have.</summary>
    public long Expected { get; private set; } = (anchor?.Sequence ?? 0) + 1;

    /// <summary>Why <paramref name="record"/> does not follow the records walked so far, or null (and the walk moves on).</summary>
    public string? Step(AuditRecord record)
    {
        var recomputed = AuditChain.HashOf(record.Sequence, record.At, record.Actor, record.TenantId, record.Action, record.Target,
            record.RequestId, record.Detail, record.PreviousHash);
        var broken = AuditChain.Break(Expected, _previous, record.Sequence, record.PreviousHash, record.Hash, recomputed);
        if (broken is null)
        {
            _previous = record.Hash;
            Expected++;
        }
        return broken;
    }
}
