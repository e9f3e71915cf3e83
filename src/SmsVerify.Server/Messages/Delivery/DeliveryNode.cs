using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// This process as a delivery node: the id its claims carry, and what keeps the claims of a node that died from
/// holding their messages for a whole lease. On SQLite only this process claims, so every claim found at start
/// is an earlier process's and is freed before the worker's first claim. On PostgreSQL every node beats its row in
/// <c>delivery_nodes</c> every <see cref="DeliveryOptions.HeartbeatInterval"/>, and frees the claims (and the bind
/// slots, see <see cref="BindLeases"/>) of nodes silent for <see cref="DeliveryOptions.NodeTimeout"/>, its own
/// predecessor's included. Each beat also applies receipts that crossed another node's record of their parts
/// (<see cref="Receipts.ApplyMissedAsync"/>).
/// </summary>
/// <remarks>
/// Why a heartbeat row rather than a session advisory lock per node, whose release <c>pg_locks</c> would show the
/// moment the node's connection closed: a lock needs one connection held open for the node's whole life, outside
/// the pool and through no pooler, and a half-open connection keeps it for as long as TCP keep-alives take to
/// notice, where a silent row is seen after the timeout whatever the network did. The price is a one-row write
/// every two seconds per node and a sweep that, while no node has gone, reads only the heartbeat rows; the claim
/// only records one more column. The timeout is several beats long so that a node that only paused keeps its
/// claims; one that paused longer loses them but writes no outcome over the newer claim's, since every outcome is
/// conditional on its claim token.
/// </remarks>
internal sealed partial class DeliveryNode(
    IServiceScopeFactory scopes, DeliverySignal signal, Receipts receipts, IOptions<DeliveryOptions> options, TimeProvider clock,
    ILogger<DeliveryNode> logger)
    : BackgroundService, IHostedLifecycleService
{
    private bool _beats;

    public Guid Id { get; } = Guid.CreateVersion7();

    /// <summary>
    /// Runs after the database is migrated (lifecycle services' Starting steps run in order, <c>StartupTasks</c>'s
    /// first) and before any hosted service starts, so before this node's first claim.
    /// </summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db is not PostgresAppDbContext)
        {
            var freed = await MessageClaims.FreeAllAsync(db, cancellationToken);
            if (freed > 0)
            {
                Log.FreedAtStart(logger, freed);
            }
            return;
        }
        // Also a node without a worker: it holds no claims, but its channels may hold bind slots.
        _beats = true;
        await DeliveryNodes.BeatAsync(db, Id, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_beats)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await DeliveryNodes.BeatAsync(db, Id, stoppingToken);
                var freed = await DeliveryNodes.FreeClaimsOfSilentAsync(db, options.Value.NodeTimeout, stoppingToken);
                if (freed > 0)
                {
                    Log.FreedOfSilentNodes(logger, freed);
                    signal.Wake();
                }
                var applied = await receipts.ApplyMissedAsync(db, stoppingToken);
                if (applied > 0)
                {
                    Log.AppliedMissedReceipts(logger, applied);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away; the next beat tries again, well within the timeout.
                Log.BeatFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Freed {Count} claims left by the previous process; their messages are sent again, marked as possibly sent.")]
        public static partial void FreedAtStart(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "Freed {Count} claims of delivery nodes that stopped beating; their messages are sent again, marked as possibly sent.")]
        public static partial void FreedOfSilentNodes(ILogger logger, int count);

        [LoggerMessage(3, LogLevel.Warning, "The delivery node's heartbeat failed; it is tried again.")]
        public static partial void BeatFailed(ILogger logger, Exception exception);

        [LoggerMessage(4, LogLevel.Information, "Applied {Count} receipts that were kept while another node recorded their parts.")]
        public static partial void AppliedMissedReceipts(ILogger logger, int count);
    }
}
