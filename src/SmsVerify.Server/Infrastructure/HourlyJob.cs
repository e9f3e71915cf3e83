using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Infrastructure;

/// <summary>
/// Housekeeping that runs when the server starts and then every hour, on every node, so its work must be safe to
/// run on several nodes at once. A failed run is logged and tried again at the next hour.
/// </summary>
public abstract partial class HourlyJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>One run, on a scope and database context of its own.</summary>
    protected abstract Task RunAsync(IServiceProvider services, AppDbContext db, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), Clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Job} failed; it runs again in an hour.")]
        public static partial void Failed(ILogger logger, string job, Exception exception);
    }
}
