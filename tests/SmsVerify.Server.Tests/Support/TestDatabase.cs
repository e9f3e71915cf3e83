using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Tests.Support;

/// <summary>
/// A store of a test's own: a fresh SQLite file, or a fresh PostgreSQL database and a Redis key prefix when
/// SMSVERIFY_TEST_POSTGRES and SMSVERIFY_TEST_REDIS name them (CI runs the suite both ways).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly string? Postgres = Environment.GetEnvironmentVariable("SMSVERIFY_TEST_POSTGRES");
    private static readonly string? Redis = Environment.GetEnvironmentVariable("SMSVERIFY_TEST_REDIS");

    private readonly string _name = "smsverify_test_" + Guid.NewGuid().ToString("N");

    public static bool OnPostgres => !string.IsNullOrEmpty(Postgres);

    /// <summary>A folder of the test's own, for the SQLite file and whatever else the server keeps on disk.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("smsverify-test-").FullName;

    private string ConnectionString => OnPostgres
        ? new NpgsqlConnectionStringBuilder(Postgres) { Database = _name }.ConnectionString
        : $"Data Source={Path.Combine(Directory, "test.db")}";

    /// <summary>The server's settings for this store, by configuration key.</summary>
    public Dictionary<string, string?> Settings => OnPostgres
        ? new() { ["ConnectionStrings:Postgres"] = ConnectionString, ["ConnectionStrings:Redis"] = Redis, ["Limits:KeyPrefix"] = _name + ":" }
        : new() { ["ConnectionStrings:Sqlite"] = ConnectionString };

    public async Task CreateAsync()
    {
        if (OnPostgres)
        {
            await using var connection = new NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A context on the store from outside any server, to read what a server (perhaps a dead one) left.</summary>
    public AppDbContext Open() => OnPostgres
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).Options)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString + ";Pooling=False").Options);

    public async ValueTask DisposeAsync()
    {
        if (OnPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>
    /// FORCE must end every session on the database, and an autovacuum worker can only be ended by a member of
    /// pg_signal_backend (CI grants it); for a role without it the drop is tried again once the worker has finished
    /// rather than failing a test that passed.
    /// </summary>
    private async Task DropAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
