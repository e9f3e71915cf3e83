using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SmsVerify.Server.Infrastructure.Database;

public static class DatabaseExtensions
{
    /// <summary>Where the embedded default keeps its database when no connection string is configured.</summary>
    public const string DefaultSqlite = "Data Source=data/smsverify.db";

    /// <summary>PostgreSQL when <c>ConnectionStrings:Postgres</c> is set; otherwise SQLite (the embedded default).</summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(options => options.UseNpgsql(WithFastDefaults(postgres)));
        }
        else
        {
            var sqlite = builder.Configuration.GetConnectionString("Sqlite") ?? DefaultSqlite;
            EnsureDirectory(sqlite);
            var writeGate = new SqliteWriteGate();
            builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(options =>
                options.UseSqlite(sqlite).AddInterceptors(SqlitePragmas.Instance, writeGate).ConfigureWarnings(QuietReviewedMigrations));
        }
        return builder;
    }

    /// <summary>
    /// SQLite cannot alter a column, so EF rebuilds the table, outside a transaction with foreign keys off, and warns
    /// about it on every fresh database in words that read like corruption. The migrations that do it were reviewed
    /// and run by every test on a fresh database; the warnings stay at debug level for whoever writes the next one.
    /// </summary>
    private static void QuietReviewedMigrations(WarningsConfigurationBuilder warnings) => warnings.Log(
        (RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug),
        (SqliteEventId.TableRebuildPendingWarning, LogLevel.Debug));

    /// <summary>
    /// The hot paths run the same few statements over and over: let Npgsql prepare them on the server, and skip
    /// the session reset when a pooled connection is reused (the app keeps no session state). Settings already
    /// in the connection string win.
    /// </summary>
    private static string WithFastDefaults(string connectionString)
    {
        // Npgsql's own builder reports every keyword it knows as present, so look at what was actually written.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(string key) => given.Keys.Cast<string>().Any(k => k.Replace(" ", "").Equals(key, StringComparison.OrdinalIgnoreCase));
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Given("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!Given("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static void EnsureDirectory(string connectionString)
    {
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory) && path != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>Applies migrations; EF takes a lock per database, so several nodes may start at once.</summary>
    public static async Task MigrateAsync(this AppDbContext db, CancellationToken cancellationToken)
    {
        // On a fresh PostgreSQL database EF reads the history table before making it and logs the failed read as an
        // error; made first (IF NOT EXISTS, so racing nodes are fine), the first start logs nothing alarming.
        if (db.Database.IsNpgsql())
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the one writer. It is a property of the file, so setting it once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
