using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Risk.Pumping;

/// <summary>
/// The blocks in force, in memory, so that the send path asks no database: a send costs one read of the current
/// snapshot and, only for a tenant that has blocks, one lookup of its number's block (a slice of the number, no
/// allocation). Every node reloads the snapshot every <see cref="PumpingOptions.RefreshSeconds"/>, and the node
/// that creates or lifts a block reloads it at once.
/// </summary>
public sealed class ActiveBlocks(TimeProvider clock)
{
    private sealed record Entry(Guid Id, DateTime? ExpiresAt);

    private FrozenDictionary<Guid, FrozenDictionary<string, Entry>> _byTenant = FrozenDictionary<Guid, FrozenDictionary<string, Entry>>.Empty;
    private long _issued;
    private long _applied;
    private readonly Lock _apply = new();

    /// <summary>Why a send from the tenant to this number is refused, or null. Test numbers are never asked about.</summary>
    public ApiError? Refuse(Guid tenantId, string e164)
    {
        var byTenant = Volatile.Read(ref _byTenant);
        if (byTenant.Count == 0 || !byTenant.TryGetValue(tenantId, out var blocks)
            || !blocks.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(NumberBlock.Of(e164), out var entry)
            || entry.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            return null;
        }
        var block = NumberBlock.Of(e164).ToString();
        return ProblemTypes.NumberBlockBlocked.With($"Sending to {e164} is blocked: its number block {block} showed toll-fraud pumping from your tenant.") with
        {
            Extensions = new Dictionary<string, object?> { ["to"] = e164, ["block"] = block, ["blockId"] = entry.Id },
        };
    }

    /// <summary>Reloads the blocks not yet lifted or expired. A reload that started earlier never overwrites a later one.</summary>
    public async Task RefreshAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var ticket = Interlocked.Increment(ref _issued);
        var now = clock.UtcNowForStorage();
        var rows = await db.Set<RiskBlock>().AsNoTracking().Where(b => b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now))
            .Select(b => new { b.TenantId, b.Block, b.Id, b.ExpiresAt }).ToListAsync(cancellationToken);
        var snapshot = rows.GroupBy(r => r.TenantId).ToFrozenDictionary(
            g => g.Key,
            g => g.GroupBy(r => r.Block).ToFrozenDictionary(b => b.Key, b => b.Select(r => new Entry(r.Id, r.ExpiresAt)).First(), StringComparer.Ordinal));
        lock (_apply)
        {
            if (ticket > _applied)
            {
                _applied = ticket;
                Volatile.Write(ref _byTenant, snapshot);
            }
        }
    }
}
