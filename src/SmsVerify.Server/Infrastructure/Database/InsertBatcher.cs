using System.Threading.Channels;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// Group commit for the rows the send path inserts. Callers queue their rows; one writer takes everything queued,
/// inserts it in one transaction and then answers every caller. A caller still returns only once its rows are
/// committed, so nothing is acknowledged that is not stored, but a busy server pays for one transaction (and,
/// on SQLite, one turn at the single writer's lock) per batch instead of per request. Nothing waits for a batch
/// to fill: a batch is whatever arrived while the previous one was being written.
/// </summary>
public sealed partial class InsertBatcher(IServiceScopeFactory scopes, ILogger<InsertBatcher> logger) : BackgroundService
{
    private const int MaxBatch = 128;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Inserts the rows, in one transaction with each other; completes when they are committed.</summary>
    public Task InsertAsync(params object[] rows)
    {
        var pending = new Pending(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException(new OperationCanceledException("The server is stopping."));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        // Not cancelled by stopping: what was accepted is written; StopAsync closes the queue and this drains it.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            await SaveAsync(batch);
            batch.Clear();
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private async Task SaveAsync(List<Pending> batch)
    {
        try
        {
            await SaveTogetherAsync(batch);
            batch.ForEach(pending => pending.Done.TrySetResult());
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // One caller's bad row must not fail the others: write each on its own, so each gets its own answer.
            LogBatchFailed(logger, batch.Count, e);
            foreach (var pending in batch)
            {
                await SaveAloneAsync(pending);
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    private async Task SaveAloneAsync(Pending pending)
    {
        try
        {
            await SaveTogetherAsync([pending]);
            pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    private async Task SaveTogetherAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var pending in batch)
        {
            db.AddRange(pending.Rows);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed record Pending(object[] Rows, TaskCompletionSource Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} inserts failed; writing them one by one.")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
