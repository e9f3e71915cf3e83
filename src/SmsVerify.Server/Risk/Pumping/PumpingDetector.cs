using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Policy;

namespace SmsVerify.Server.Risk.Pumping;

/// <summary>
/// Finds number blocks being pumped, from the verifications already stored (the send path does no counting): every
/// interval, one aggregate over the recent window finds the blocks with enough sends and too few approvals; each of
/// those is then blocked if its volume also jumped against its own baseline. Every node may run it: a block is
/// created once (<see cref="RiskBlocks.CreateAsync"/>).
/// </summary>
public sealed partial class PumpingDetector(
    IServiceScopeFactory scopes, PlatformPolicy policy, ActiveBlocks active, IOptions<PumpingOptions> options, TimeProvider clock, ILogger<PumpingDetector> logger)
    : PollingWorker(new WakeSignal(clock), logger)
{
    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(options.Value.DetectorIntervalSeconds);

    // One round per interval: a round is never "full".
    protected override int BatchSize => int.MaxValue;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunDetector ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    /// <summary>Judges the window ending now less the settle time; returns how many blocks it created.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var rule = policy.Pumping;
        var now = clock.UtcNowForStorage();
        var to = now - rule.Settle;
        var from = to - rule.Window;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var blocks = scope.ServiceProvider.GetRequiredService<RiskBlocks>();
        var created = 0;
        foreach (var suspect in await BlockCounts.SuspectsAsync(db, from, to, rule, cancellationToken))
        {
            if (await JudgeAsync(db, blocks, suspect, from, to, now, rule, cancellationToken) is { } block)
            {
                created++;
                Log.Blocked(logger, block.TenantId, block.Block, block.Sends, block.Approved, block.BaselineSends);
            }
        }
        if (created > 0)
        {
            await active.RefreshAsync(db, cancellationToken);
        }
        // A block that ran its course ends its incident, as a lift does.
        await RiskBlocks.CloseExpiredAsync(db, now, cancellationToken);
        return created;
    }

    private static async Task<RiskBlock?> JudgeAsync(
        AppDbContext db, RiskBlocks blocks, BlockCounts suspect, DateTime from, DateTime to, DateTime now, PumpingPolicy rule, CancellationToken cancellationToken)
    {
        var latest = await RiskBlocks.LatestAsync(db, suspect.TenantId, suspect.Block, cancellationToken);
        if (latest?.StatusAt(now) == RiskBlockStatus.Active)
        {
            return null;
        }
        // After a lift or an expiry only newer sends count, so the data already judged cannot bring the block back.
        var since = latest?.ClearedAt(now) is { } cleared && cleared > from ? cleared : from;
        var counts = since == from ? suspect : await BlockCounts.OfAsync(db, suspect.TenantId, suspect.Block, since, to, cancellationToken);
        if (!counts.LooksPumped(rule))
        {
            return null;
        }
        var baseline = await BlockCounts.SendsAsync(db, suspect.TenantId, suspect.Block, from - rule.Baseline, from, cancellationToken);
        var perWindow = baseline * rule.Window.TotalSeconds / rule.Baseline.TotalSeconds;
        if (counts.Sends < rule.VolumeJumpFactor * perWindow)
        {
            // Low conversion at its usual volume is how this tenant's users behave there, not an attack.
            return null;
        }
        return await blocks.CreateAsync(counts, since, to, perWindow, latest?.Id, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Number block {Block} of tenant {TenantId} is blocked for pumping: {Sends} verifications, {Approved} approved, against {Baseline:0.##} in an average window before.")]
        public static partial void Blocked(ILogger logger, Guid tenantId, string block, int sends, int approved, double baseline);
    }
}
