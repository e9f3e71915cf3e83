using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// Settings SQLite keeps per connection. <c>synchronous=NORMAL</c> in WAL mode skips the fsync on every commit yet
/// never loses a commit when the process crashes (only on power loss), the trade the embedded default wants.
/// <c>mmap_size</c> lets reads map the file instead of making a system call per page.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
