using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// Commands kept per SQLite connection by their text, so that a statement the write path runs thousands of times a
/// second is parsed once. Microsoft.Data.Sqlite keeps a command's prepared statement for as long as its text stays
/// the same and its connection open, and the write batcher's connection stays open; parsing an INSERT of many rows,
/// whose parameters SQLite looks up by name one after another, cost more than running it. Only a connection its owner
/// keeps open and registers (<see cref="KeepFor"/>) keeps commands: one that goes back to the pool must not carry
/// prepared statements into other hands. On PostgreSQL commands are made afresh: Npgsql prepares the hot statements
/// on the server by itself.
/// </summary>
internal static class PreparedCommands
{
    // More texts than the write path has would mean something makes texts as it goes: start over rather than grow.
    private const int MaxPerConnection = 512;

    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Cache = [];

    /// <summary>Keeps commands for <paramref name="connection"/>, which its owner keeps open (the write batcher's).</summary>
    public static void KeepFor(DbConnection connection)
    {
        if (connection is SqliteConnection)
        {
            Cache.GetOrCreateValue(connection);
        }
    }

    /// <summary>Drops the commands kept for <paramref name="connection"/>, before its owner lets it go back to the pool.</summary>
    public static void Forget(DbConnection connection)
    {
        if (Cache.TryGetValue(connection, out var commands))
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }
            Cache.Remove(connection);
        }
    }

    /// <summary>
    /// A command with <paramref name="text"/> in <paramref name="transaction"/>, its parameters cleared for the
    /// caller's. Dispose the lease, not the command.
    /// </summary>
    public static Lease For(DbTransaction transaction, string text)
    {
        var connection = transaction.Connection!;
        if (!Cache.TryGetValue(connection, out var commands))
        {
            return new Lease(Create(connection, transaction, text), owned: true);
        }
        if (!commands.TryGetValue(text, out var command))
        {
            if (commands.Count >= MaxPerConnection)
            {
                foreach (var old in commands.Values)
                {
                    old.Dispose();
                }
                commands.Clear();
            }
            commands[text] = command = Create(connection, transaction, text);
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        return new Lease(command, owned: false);
    }

    private static DbCommand Create(DbConnection connection, DbTransaction transaction, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        return command;
    }

    public readonly struct Lease(DbCommand command, bool owned) : IAsyncDisposable
    {
        public DbCommand Command => command;

        public ValueTask DisposeAsync() => owned ? command.DisposeAsync() : ValueTask.CompletedTask;
    }
}
