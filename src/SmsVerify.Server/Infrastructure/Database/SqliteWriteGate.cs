using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// SQLite lets one connection write at a time, and Microsoft.Data.Sqlite meets a busy database by sleeping and
/// retrying, which under concurrent sends turns into stalls of a hundred milliseconds and more. This gate hands
/// the write lock over in-process instead, first come first served: a write transaction (or a lone UPDATE or
/// DELETE) waits for the gate before it begins and gives it back when it ends, or at the latest when its
/// connection closes. Reads never wait: in WAL mode they run beside the writer.
/// </summary>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor, IDbCommandInterceptor
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<DbConnection, byte> _holders = new();

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, cancellationToken);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(command.Connection!, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Enter(command.Connection!);
        return result;
    }

    // A lone statement gives the gate back as soon as it is done; inside a transaction the transaction's end does.
    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ExitIfAlone(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ExitIfAlone(command);
        return result;
    }

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitIfAlone(command);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ExitIfAlone(command);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => ExitTransaction(eventData);
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ExitTransaction(eventData);
    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => ExitTransaction(eventData);
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ExitTransaction(eventData);
    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) => ExitTransaction(eventData);
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => ExitTransaction(eventData);

    // The backstop: whatever happened, a closed connection holds no lock, so it holds no gate either.
    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Exit(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Exit(connection);
        return result;
    }

    private async ValueTask EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (!_holders.ContainsKey(connection))
        {
            await _gate.WaitAsync(cancellationToken);
            _holders[connection] = 0;
        }
    }

    private void Enter(DbConnection connection)
    {
        if (!_holders.ContainsKey(connection))
        {
            _gate.Wait();
            _holders[connection] = 0;
        }
    }

    // A finished transaction may no longer know its connection; its context still does.
    private Task ExitTransaction(DbContextEventData eventData) =>
        eventData.Context is { } context ? Exit(context.Database.GetDbConnection()) : Task.CompletedTask;

    private void ExitIfAlone(DbCommand command)
    {
        if (command.Transaction is null && command.Connection is { } connection)
        {
            Exit(connection);
        }
    }

    private Task Exit(DbConnection connection)
    {
        if (_holders.TryRemove(connection, out _))
        {
            _gate.Release();
        }
        return Task.CompletedTask;
    }
}
