using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Incidents;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Risk.Pumping;

/// <summary>
/// Creating and lifting blocks, each with its audit record and incident (opened with the block, closed by the lift) and,
/// when created, the tenant's webhook event.
/// </summary>
public sealed class RiskBlocks(AppDbContext db, AuditTrail audit, WebhookOutbox webhooks, ActiveBlocks active, PlatformPolicy policy, TimeProvider clock)
{
    public const string DetectorActor = "system:pumping";

    /// <summary>Messages to the block quoted in its incident.</summary>
    private const int IncidentSamples = 10;

    public static Task<RiskBlock?> LatestAsync(AppDbContext db, Guid tenantId, string block, CancellationToken cancellationToken) =>
        db.Set<RiskBlock>().AsNoTracking().Where(b => b.TenantId == tenantId && b.Block == block)
            .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Blocks the tenant's block, unless another node did first: the latest block is read again under the audit
    /// trail's append lock, which serialises every node's writers, and must still be the one the judgement saw.
    /// </summary>
    internal async Task<RiskBlock?> CreateAsync(
        BlockCounts counts, DateTime from, DateTime to, double baselinePerWindow, Guid? seenLatest, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        var blockSeconds = policy.Pumping.BlockSeconds;
        var created = await audit.RunAsync(db, async () =>
        {
            if ((await LatestAsync(db, counts.TenantId, counts.Block, cancellationToken))?.Id != seenLatest)
            {
                return ((RiskBlock?)null, (AuditEntry?)null);
            }
            var block = new RiskBlock
            {
                TenantId = counts.TenantId,
                Block = counts.Block,
                CreatedAt = now,
                ExpiresAt = blockSeconds == 0 ? null : now.AddSeconds(blockSeconds),
                WindowStart = from,
                WindowEnd = to,
                Sends = counts.Sends,
                Approved = counts.Approved,
                BaselineSends = baselinePerWindow,
            };
            db.Add(block);
            db.Add(await IncidentReport.OpenForBlockAsync(db, block, IncidentSamples, DetectorActor, now));
            await webhooks.EnqueueAsync(db, block.TenantId, RiskBlockView.CreatedEvent, RiskBlockView.From(block, now), cancellationToken);
            return (block, new AuditEntry(RiskBlockView.CreatedEvent, Target(block.Id), block.TenantId,
                $"block={block.Block} sends={block.Sends} approved={block.Approved} baselinePerWindow={baselinePerWindow:0.##}", DetectorActor));
        }, cancellationToken);
        if (created is not null)
        {
            webhooks.Wake();
        }
        return created;
    }

    /// <summary>
    /// Lifts block <paramref name="id"/> with an optional reason (bounded), for the API and the console alike;
    /// <paramref name="ownTenant"/> limits a tenant to its own blocks.
    /// </summary>
    public async Task<Outcome<RiskBlockView>> LiftAsync(Guid id, string? reason, Guid? ownTenant, CancellationToken cancellationToken)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > RiskBlockConfiguration.MaxReasonLength })
        {
            return ProblemTypes.Invalid("reason", $"reason is at most {RiskBlockConfiguration.MaxReasonLength} characters.");
        }
        var block = await db.Set<RiskBlock>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (block is null || (ownTenant is { } tenant && block.TenantId != tenant))
        {
            return ProblemTypes.RiskBlockNotFound.With($"No block has id {id}.");
        }
        if (!await LiftAsync(block, reason, cancellationToken))
        {
            var current = await db.Set<RiskBlock>().AsNoTracking().FirstAsync(b => b.Id == id, cancellationToken);
            var status = EnumName(RiskBlockView.From(current, clock.UtcNowForStorage()).Status);
            return ProblemTypes.RiskBlockNotActive.With($"Block {id} is {status} already.") with
            {
                Extensions = new Dictionary<string, object?> { ["blockStatus"] = status },
            };
        }
        return RiskBlockView.From(block, clock.UtcNowForStorage());
    }

    /// <summary>Blocks newest first, of one tenant or all, in one status or any.</summary>
    public static IQueryable<RiskBlock> Listed(AppDbContext db, Guid? tenantId, RiskBlockStatus? status, DateTime now)
    {
        var query = db.Set<RiskBlock>().AsNoTracking();
        if (tenantId is { } tenant)
        {
            query = query.Where(b => b.TenantId == tenant);
        }
        query = status switch
        {
            null => query,
            RiskBlockStatus.Active => query.Where(b => b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now)),
            RiskBlockStatus.Lifted => query.Where(b => b.LiftedAt != null),
            _ => query.Where(b => b.LiftedAt == null && b.ExpiresAt <= now),
        };
        return query.OrderByDescending(b => b.CreatedAt);
    }

    private static string EnumName(RiskBlockStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    /// <summary>Lifts a block in force; false if it was lifted already or has expired (nothing changed).</summary>
    public async Task<bool> LiftAsync(RiskBlock block, string? reason, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        var actor = audit.CurrentActor;
        var lifted = await audit.RunAsync(db, async () =>
        {
            var count = await db.Set<RiskBlock>().Where(b => b.Id == block.Id && b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now))
                .ExecuteUpdateAsync(set => set.SetProperty(b => b.LiftedAt, now).SetProperty(b => b.LiftedBy, actor).SetProperty(b => b.LiftReason, reason), cancellationToken);
            if (count == 1 && await db.Set<Incident>().FirstOrDefaultAsync(i => i.BlockId == block.Id && i.Status == IncidentStatus.Open, cancellationToken) is { } incident)
            {
                incident.Status = IncidentStatus.Closed;
                incident.ClosedAt = now;
                incident.Actions = [.. incident.Actions, new IncidentAction(now, "block_lifted", actor, reason)];
                await db.SaveChangesAsync(cancellationToken);
            }
            return (count == 1, count == 1 ? new AuditEntry("risk.block_lifted", Target(block.Id), block.TenantId, $"block={block.Block} reason={reason}") : null);
        }, cancellationToken);
        if (lifted)
        {
            (block.LiftedAt, block.LiftedBy, block.LiftReason) = (now, actor, reason);
            await active.RefreshAsync(db, cancellationToken);
        }
        return lifted;
    }

    /// <summary>
    /// Closes the incidents of blocks that expired while open, as of their expiry; returns how many. Each is closed
    /// by a conditional update first, so when several nodes run this at once only one records the action.
    /// </summary>
    public static async Task<int> CloseExpiredAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var expired = await db.Set<Incident>()
            .Where(i => i.Kind == IncidentKind.Pumping && i.Status == IncidentStatus.Open)
            .Join(db.Set<RiskBlock>().Where(b => b.LiftedAt == null && b.ExpiresAt != null && b.ExpiresAt <= now),
                i => i.BlockId, b => b.Id, (i, b) => new { i.Id, ExpiredAt = b.ExpiresAt!.Value })
            .ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var (id, expiredAt) in expired.Select(e => (e.Id, e.ExpiredAt)))
        {
            if (await db.Set<Incident>().Where(i => i.Id == id && i.Status == IncidentStatus.Open)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.Status, IncidentStatus.Closed).SetProperty(i => i.ClosedAt, expiredAt), cancellationToken) == 1)
            {
                var incident = await db.Set<Incident>().FirstAsync(i => i.Id == id, cancellationToken);
                incident.Actions = [.. incident.Actions, new IncidentAction(expiredAt, "block_expired", "system:pumping", null)];
                await db.SaveChangesAsync(cancellationToken);
                closed++;
            }
        }
        return closed;
    }

    private static string Target(Guid id) => $"risk_block:{id}";
}
