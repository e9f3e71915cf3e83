using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Audit;

/// <summary>
/// Moves records past the retention out of the database: exported to a file first, then deleted, with an anchor that
/// lets the rest of the chain still verify. Each batch is one transaction under the append lock, so nodes pruning at
/// once take turns and a crash leaves either the records or their anchor, never neither.
/// </summary>
public static class AuditPruning
{
    /// <summary>Records per export file: one transaction's worth, and a file small enough to check by hand.</summary>
    public const int BatchSize = 10_000;

    public const string PrunedAction = "audit.pruned";
    public const string Actor = "system:audit_retention";

    /// <summary>The newest anchor, where the remaining chain starts; null while nothing was pruned.</summary>
    public static Task<AuditAnchor?> LatestAnchorAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Prunes every record written before <paramref name="cutoff"/>, a file at a time, writing <c>audit.pruned</c>
    /// records at <paramref name="now"/>; returns the anchors written.
    /// </summary>
    public static Task<List<AuditAnchor>> PruneAsync(AppDbContext db, string directory, DateTime cutoff, DateTime now,
        JsonSerializerOptions json, CancellationToken cancellationToken) =>
        PruneAsync(db, directory, cutoff, now, json, BatchSize, cancellationToken);

    /// <summary>As above, <paramref name="batchSize"/> records a file: fewer in tests, to see several files.</summary>
    internal static async Task<List<AuditAnchor>> PruneAsync(AppDbContext db, string directory, DateTime cutoff, DateTime now,
        JsonSerializerOptions json, int batchSize, CancellationToken cancellationToken)
    {
        // Each batch's own audit.pruned record is written at now: a cutoff past it would prune those forever.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cutoff, now);
        var anchors = new List<AuditAnchor>();
        while (await PruneBatchAsync(db, directory, cutoff, now, json, batchSize, cancellationToken) is { } anchor)
        {
            anchors.Add(anchor);
            db.ChangeTracker.Clear();
        }
        return anchors;
    }

    private static async Task<AuditAnchor?> PruneBatchAsync(AppDbContext db, string directory, DateTime cutoff, DateTime now,
        JsonSerializerOptions json, int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditTrail.LockAsync(db, cancellationToken);
        var anchor = await LatestAnchorAsync(db, cancellationToken);
        // The oldest records in order, up to the first one still within the retention: only a prefix of the chain
        // goes, so what stays is whole from the anchor on.
        var oldest = await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).Take(batchSize).ToListAsync(cancellationToken);
        var batch = oldest.TakeWhile(r => r.At < cutoff).ToList();
        if (batch.Count == 0)
        {
            return null;
        }
        // An export is evidence: records that no longer verify stay in the database, where /v1/audit/verify names them.
        var walk = new AuditChainWalk(anchor);
        foreach (var record in batch)
        {
            if (walk.Step(record) is { } broken)
            {
                throw new InvalidOperationException($"The audit chain breaks at record {record.Sequence} ({broken}); nothing was pruned.");
            }
        }
        var (from, to) = (batch[0].Sequence, batch[^1].Sequence);
        var name = AuditExportFile.NameOf(from, to);
        var fileSha256 = await AuditExportFile.WriteAsync(directory, name, batch, json, cancellationToken);

        // Appended before the delete, so it chains to the last record pruned and the trail is never left empty.
        var entry = new AuditEntry(PrunedAction, $"audit:{from}-{to}", Detail: $"file={name} sha256={Convert.ToHexStringLower(fileSha256)}");
        await AuditTrail.AppendAsync(db, [new AuditStamp(entry, Actor, null)], now, cancellationToken);
        await db.AuditRecords.Where(r => r.Sequence >= from && r.Sequence <= to).ExecuteDeleteAsync(cancellationToken);
        var written = new AuditAnchor { Sequence = to, FromSequence = from, Hash = batch[^1].Hash, PrunedAt = now, FileName = name, FileSha256 = fileSha256 };
        db.AuditAnchors.Add(written);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }
}
