using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Risk.Pumping;

/// <summary>Reloads <see cref="ActiveBlocks"/> on this node every few seconds: blocks made or lifted on other nodes.</summary>
internal sealed partial class ActiveBlocksRefresher(
    IServiceScopeFactory scopes, ActiveBlocks blocks, IOptions<PumpingOptions> options, TimeProvider clock, ILogger<ActiveBlocksRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await blocks.RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The last snapshot stays in force: a database hiccup neither lifts nor adds blocks.
                Log.Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Reloading the number blocks in force failed; the last ones stay in force.")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
