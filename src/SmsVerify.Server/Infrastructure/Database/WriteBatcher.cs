using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// Group commit for the writes on the hot paths (a send's messages, a new verification's rows, an approval, submit
/// outcomes and receipts). Callers queue a write; one writer takes everything queued, runs the writes one after
/// another in one transaction and commits, then answers every caller. A caller returns only once its write is committed, so nothing is acknowledged that is
/// not stored, but a busy server pays for one commit (and, on SQLite, one turn at the writer's lock) per batch
/// instead of per request. Nothing waits for a batch to fill: a batch is whatever arrived during the last one, set
/// writes first, and other writes up to <see cref="MaxRows"/> inserted rows.
/// </summary>
public sealed partial class WriteBatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WriteBatcher> logger) : BackgroundService
{
    private const int MaxBatch = 128;

    /// <summary>How many rows the writes of one batch may insert (a send's messages count one each) beyond the first write.</summary>
    private const int MaxRows = 500;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    // Only the one writer loop touches these.
    private AsyncServiceScope? _writerScope;
    private AppDbContext? _writer;

    /// <summary>
    /// Runs <paramref name="write"/> on the batch's context, inside the batch's transaction, and completes with its
    /// result once that transaction is committed. The write saves its own changes (<c>SaveChangesAsync</c> or
    /// <c>ExecuteUpdateAsync</c>) and sees every write queued before it. <paramref name="audit"/> says, from the
    /// result, what to append to the audit trail in the same transaction (null: nothing happened worth a record).
    /// </summary>
    /// <param name="rows">How many rows the write inserts, so that one batch does not take too many.</param>
    public Task<T> WriteAsync<T>(Func<AppDbContext, Task<T>> write, Func<T, AuditStamp?>? audit = null, int rows = 1)
    {
        var pending = new PendingWrite<T>(write, audit) { Weight = rows };
        return _queue.Writer.TryWrite(pending) ? pending.Task : Task.FromException<T>(new OperationCanceledException("The server is stopping."));
    }

    /// <summary>
    /// Queues <paramref name="item"/> for <paramref name="set"/>, which the next batch runs once for every item queued
    /// for it, so that many callers' writes of one kind cost a few statements, not a few each. Completes once the
    /// batch is committed. A set that <see cref="ISetWrite{TItem}.Overtakes"/> runs before the other writes of a
    /// batch; any other keeps its place in the line, <paramref name="rows"/> counting against the batch's size.
    /// </summary>
    public Task WriteAsync<TItem>(ISetWrite<TItem> set, TItem item, int rows = 1)
    {
        var pending = new PendingItem<TItem>(set, item) { Weight = rows };
        return _queue.Writer.TryWrite(pending) ? pending.Task : Task.FromException(new OperationCanceledException("The server is stopping."));
    }

    /// <summary>Inserts the rows in the next batch, in one statement batch with the other inserts around them.</summary>
    public Task InsertAsync(AuditStamp? audit, params object[] rows)
    {
        var pending = new PendingWrite<int>(rows, audit);
        return _queue.Writer.TryWrite(pending) ? pending.Task : Task.FromException(new OperationCanceledException("The server is stopping."));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Writes read from the queue but not yet run: set writes (the delivery path's outcomes and receipts) go into
        // every batch first; the rest follow in order up to MaxRows, so that a burst of large sends holds the delivery
        // path up by one short batch instead of by the whole burst.
        var sets = new Queue<PendingWrite>();
        var others = new Queue<PendingWrite>();
        var batch = new List<PendingWrite>(MaxBatch);
        var lateSets = new List<PendingWrite>();
        // Not cancelled by stopping: what was accepted is written; StopAsync closes the queue and this drains it.
        while (sets.Count > 0 || others.Count > 0 || await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (_queue.Reader.TryRead(out var pending))
            {
                (pending.Overtakes ? sets : others).Enqueue(pending);
            }
            while (batch.Count + lateSets.Count < MaxBatch && sets.TryDequeue(out var item))
            {
                (item.AfterOtherSets ? lateSets : batch).Add(item);
            }
            batch.AddRange(lateSets);
            lateSets.Clear();
            var rows = 0;
            while (batch.Count < MaxBatch && rows < MaxRows && others.TryDequeue(out var write))
            {
                batch.Add(write);
                rows += write.Weight;
            }
            await RunAsync(batch);
            batch.Clear();
        }
        await DropWriterAsync();
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private async Task RunAsync(List<PendingWrite> batch)
    {
        try
        {
            await RunInOneTransactionAsync(batch);
            batch.ForEach(pending => pending.Complete());
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // The transaction rolled back, so nothing of it happened: run each write on its own, so that one
            // caller's failing write fails alone.
            LogBatchFailed(logger, batch.Count, e);
            foreach (var pending in batch)
            {
                await RunAloneAsync(pending);
            }
        }
        catch (Exception e)
        {
            batch[0].Fail(e);
        }
    }

    private async Task RunAloneAsync(PendingWrite pending)
    {
        try
        {
            await RunInOneTransactionAsync([pending]);
            pending.Complete();
        }
        catch (Exception e)
        {
            pending.Fail(e);
        }
    }

    private async Task RunInOneTransactionAsync(List<PendingWrite> batch)
    {
        var db = await WriterAsync();
        try
        {
            await RunInOneTransactionAsync(db, batch);
        }
        catch
        {
            // The connection may be what failed: the next batch starts on a new one.
            await DropWriterAsync();
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// The writer's context, on a connection kept open from one batch to the next: on SQLite its commands stay
    /// parsed (<see cref="PreparedCommands"/>), on PostgreSQL Npgsql keeps its prepared statements on it, and no
    /// batch pays for opening one.
    /// </summary>
    private async Task<AppDbContext> WriterAsync()
    {
        if (_writer is { } writer)
        {
            return writer;
        }
        _writerScope = scopes.CreateAsyncScope();
        writer = _writerScope.Value.ServiceProvider.GetRequiredService<AppDbContext>();
        await writer.Database.OpenConnectionAsync(CancellationToken.None);
        PreparedCommands.KeepFor(writer.Database.GetDbConnection());
        return _writer = writer;
    }

    private async Task DropWriterAsync()
    {
        if (_writerScope is { } scope)
        {
            var writer = _writer!;
            (_writer, _writerScope) = (null, null);
            PreparedCommands.Forget(writer.Database.GetDbConnection());
            // Closed here, not left to the context pool (which keeps a connection the application opened): a closed
            // connection is what gives back SQLite's write gate if a failed batch left it taken.
            await writer.Database.CloseConnectionAsync();
            await scope.DisposeAsync();
        }
    }

    private async Task RunInOneTransactionAsync(AppDbContext db, List<PendingWrite> batch)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (batch.Exists(pending => pending.MayAudit))
        {
            await AuditTrail.LockAsync(db, CancellationToken.None);
        }
        HashSet<object>? setsRun = null;
        foreach (var pending in batch)
        {
            if (pending.Rows is { } rows)
            {
                // Inserts in a row go to the database together: one round trip on PostgreSQL, not one each.
                db.AddRange(rows);
                continue;
            }
            if (pending.Set is { } set && !(setsRun ??= []).Add(set))
            {
                continue; // Ran with the first item of its set.
            }
            await SaveAddedAsync(db);
            await pending.RunAsync(db, batch);
        }
        await SaveAddedAsync(db);
        var stamps = batch.Select(pending => pending.Audit).OfType<AuditStamp>().ToList();
        if (stamps.Count > 0)
        {
            // The batch's records, chained in queue order after the last one, in the same transaction.
            await AuditTrail.AppendAsync(db, stamps, clock.UtcNowForStorage(), CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        foreach (var pending in batch)
        {
            pending.Committed();
        }
    }

    private static async Task SaveAddedAsync(AppDbContext db)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(CancellationToken.None);
            // Saved rows need no tracking through the rest of the batch.
            db.ChangeTracker.Clear();
        }
    }

    private abstract class PendingWrite
    {
        /// <summary>Set for an insert, which is added to the batch's context instead of run.</summary>
        public object[]? Rows { get; init; }

        /// <summary>Set for an item of a set write, which runs once for all of a batch's items of the same set.</summary>
        public virtual object? Set => null;

        /// <summary>Goes before the batch's other writes.</summary>
        public virtual bool Overtakes => false;

        /// <summary>Of the writes that overtake, goes after the others.</summary>
        public virtual bool AfterOtherSets => false;

        /// <summary>Rows it inserts, counted against <see cref="MaxRows"/>.</summary>
        public int Weight { get; init; } = 1;

        public abstract bool MayAudit { get; }

        /// <summary>What to append to the audit trail, known once the write has run.</summary>
        public abstract AuditStamp? Audit { get; }

        public abstract Task RunAsync(AppDbContext db, List<PendingWrite> batch);

        /// <summary>Tells a set write that the batch it ran in committed.</summary>
        public virtual void Committed()
        {
        }

        public abstract void Complete();
        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T> : PendingWrite
    {
        private readonly Func<AppDbContext, Task<T>>? _write;
        private readonly Func<T, AuditStamp?>? _audit;
        private readonly AuditStamp? _insertAudit;
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public PendingWrite(Func<AppDbContext, Task<T>> write, Func<T, AuditStamp?>? audit) => (_write, _audit) = (write, audit);

        public PendingWrite(object[] rows, AuditStamp? audit) => (Rows, _insertAudit) = (rows, audit);

        public Task<T> Task => _done.Task;

        public override bool MayAudit => _audit is not null || _insertAudit is not null;

        public override AuditStamp? Audit => _insertAudit ?? (_audit is null ? null : _audit(_result!));

        public override async Task RunAsync(AppDbContext db, List<PendingWrite> batch) => _result = await _write!(db);
        public override void Complete() => _done.TrySetResult(_result!);
        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }

    private sealed class PendingItem<TItem>(ISetWrite<TItem> set, TItem item) : PendingWrite
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _ran;

        public Task Task => _done.Task;

        public override object Set => set;

        public override bool Overtakes => set.Overtakes;

        public override bool AfterOtherSets => set.AfterOtherSets;

        public override bool MayAudit => set.Audits;

        public override AuditStamp? Audit => set.AuditOf(item);

        /// <summary>Runs the set for this item and every later item of the batch queued for the same set.</summary>
        public override Task RunAsync(AppDbContext db, List<PendingWrite> batch)
        {
            var items = new List<TItem>();
            foreach (var pending in batch)
            {
                if (pending is PendingItem<TItem> other && ReferenceEquals(other.Set, set))
                {
                    items.Add(other.Item);
                }
            }
            _ran = true;
            return set.RunAsync(db, items);
        }

        private TItem Item => item;

        public override void Committed()
        {
            if (_ran)
            {
                set.Committed();
            }
        }

        public override void Complete() => _done.TrySetResult();
        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} writes failed; running them one by one.")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
