namespace SmsVerify.Server.Infrastructure;

/// <summary>
/// A background worker that takes rounds of work from the database: round after round while they come back full,
/// then waits for a wake-up from this node or the poll interval (work from other nodes). A failed round is logged
/// and tried again after the interval; the rows it did not finish are still there.
/// </summary>
public abstract partial class PollingWorker(WakeSignal signal, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan PollInterval { get; }

    protected abstract int BatchSize { get; }

    /// <summary>Does one round; returns how many items it took.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Whether a round that took <paramref name="taken"/> items may have left more: then the next starts at once.</summary>
    protected virtual bool MayHaveMore(int taken) => taken == BatchSize;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (MayHaveMore(await RunOnceAsync(stoppingToken)))
                {
                }
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly away; the work waits, and the next round tries again.
                Log.RoundFailed(logger, GetType().Name, e);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A {Worker} round failed; it is tried again.")]
        public static partial void RoundFailed(ILogger logger, string worker, Exception exception);
    }
}
