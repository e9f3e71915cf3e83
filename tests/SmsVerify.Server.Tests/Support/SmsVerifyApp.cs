using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Tests.Support;

/// <summary>
/// The real server in-process, on a database of its own: a fresh SQLite file, or a fresh PostgreSQL database plus
/// Redis when SMSVERIFY_TEST_POSTGRES and SMSVERIFY_TEST_REDIS name them (CI runs the suite both ways). The clock
/// is fake, so tests move time instead of waiting.
/// </summary>
public sealed class SmsVerifyApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OperatorKey = "svo_test-operator-key-for-the-integration-tests";

    private static readonly string? Postgres = Environment.GetEnvironmentVariable("SMSVERIFY_TEST_POSTGRES");
    private static readonly string? Redis = Environment.GetEnvironmentVariable("SMSVERIFY_TEST_REDIS");

    private readonly string _name = "smsverify_test_" + Guid.NewGuid().ToString("N");
    private readonly string _directory = Directory.CreateTempSubdirectory("smsverify-test-").FullName;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public static bool OnPostgres => !string.IsNullOrEmpty(Postgres);

    /// <summary>Extra settings a test class wants, applied on top of the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services a test replaces, such as a carrier that answers as the test wants.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Operator:ApiKey", OperatorKey);
        builder.UseSetting("Documents:Directory", Path.Combine(_directory, "documents"));
        if (OnPostgres)
        {
            builder.UseSetting("ConnectionStrings:Postgres", new NpgsqlConnectionStringBuilder(Postgres) { Database = _name }.ConnectionString);
            builder.UseSetting("ConnectionStrings:Redis", Redis);
            builder.UseSetting("Limits:KeyPrefix", _name + ":");
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(_directory, "test.db")}");
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    public async Task InitializeAsync()
    {
        if (OnPostgres)
        {
            await using var connection = new NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A client with no key.</summary>
    public HttpClient Anonymous() => CreateClient();

    public HttpClient WithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    public HttpClient Operator() => WithKey(OperatorKey);

    /// <summary>Reads or changes the database directly, to see what the API stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>An app with extra settings, for tests that need a server configured unlike the shared one.</summary>
    public static async Task<SmsVerifyApp> StartAsync(Dictionary<string, string?> settings)
    {
        var app = new SmsVerifyApp();
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }
        await app.InitializeAsync();
        return app;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// Drops the test's database. FORCE must end every session on it, and an autovacuum worker can only be ended
    /// by a member of pg_signal_backend (CI grants it); for a role without it the drop is tried again once the
    /// worker has finished rather than failing a test that passed.
    /// </summary>
    private async Task DropDatabaseAsync()
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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OnPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await DropDatabaseAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
