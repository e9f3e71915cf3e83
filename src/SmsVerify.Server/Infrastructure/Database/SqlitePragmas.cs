using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// <c>synchronous</c> is kept per connection. NORMAL in WAL mode skips the fsync on every commit yet never loses
/// a commit when the process crashes (only on power loss), the trade the embedded default wants. Microsoft.Data.Sqlite
/// pools native connections, so each is set up once, the first time it is opened. (Memory-mapped reads were
/// measured too: on the benchmark machine they halved throughput, so they stay off.)
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || !Configured.TryAdd(handle, handle))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
