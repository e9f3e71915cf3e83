using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>
/// Reloads the open breakers into this node's <see cref="BreakerBoard"/> every refresh interval: one indexed query
/// returning a handful of rows (usually none), so every node refuses a tripped scope within about a second of the
/// trip, wherever it happened.
/// </summary>
public sealed partial class BreakerRefresher(
    IServiceScopeFactory scopes, BreakerBoard board, TimeProvider clock, IOptions<BreakerOptions> options, ILogger<BreakerRefresher> logger) : BackgroundService
{
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        while (true)
        {
            var version = board.Version;
            var open = await db.Set<Breaker>().AsNoTracking().Where(b => b.Status == BreakerStatus.Open)
                .Select(b => new OpenBreaker(b.Id, b.TenantId, b.Scope, b.Key, b.OpenedAt)).ToListAsync(cancellationToken);
            if (board.Replace(open, version))
            {
                return;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The last copy stays in force: open breakers keep refusing while the database is away.
                LogRefreshFailed(logger, e);
            }
            try
            {
                await Task.Delay(options.Value.RefreshInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the open circuit breakers failed; the last copy stays in force.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
