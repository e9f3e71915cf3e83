using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Tests.Support;

/// <summary>
/// The real server in-process, on a store of its own (<see cref="TestDatabase"/>: a fresh SQLite file, or a fresh
/// PostgreSQL database plus Redis when SMSVERIFY_TEST_POSTGRES and SMSVERIFY_TEST_REDIS name them; CI runs the suite
/// both ways). The clock is fake, so tests move time instead of waiting.
/// </summary>
public sealed class SmsVerifyApp : WebApplicationFactory<Program>, IAsyncLifetime, ITestServer
{
    public const string OperatorKey = "svo_test-operator-key-for-the-integration-tests";

    private readonly TestDatabase _store;
    private readonly bool _ownsStore;

    public SmsVerifyApp() : this(new TestDatabase(), ownsStore: true)
    {
    }

    /// <summary>A server on a store the test owns, so several servers can run on it one after another, as restarts.</summary>
    /// <remarks>A factory, not a constructor: xUnit builds class fixtures only through a single public constructor.</remarks>
    public static SmsVerifyApp OnStore(TestDatabase store) => new(store, ownsStore: false);

    private SmsVerifyApp(TestDatabase store, bool ownsStore) => (_store, _ownsStore) = (store, ownsStore);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public static bool OnPostgres => TestDatabase.OnPostgres;

    /// <summary>Extra settings a test class wants, applied on top of the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services a test replaces, such as a carrier that answers as the test wants.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Operator:ApiKey", OperatorKey);
        builder.UseSetting("Documents:Directory", Path.Combine(_store.Directory, "documents"));
        // Every test server listens for SMPP on a free loopback port; SmppListener.EndPoint says which.
        builder.UseSetting("SmppListener:Address", "127.0.0.1");
        builder.UseSetting("SmppListener:Port", "0");
        foreach (var (key, value) in _store.Settings.Concat(Settings))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock).AddSingleton<IStartupFilter, ContractCheck.Filter>());
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    public Task InitializeAsync() => _ownsStore ? _store.CreateAsync() : Task.CompletedTask;

    /// <summary>A client with no key.</summary>
    public HttpClient Anonymous() =>
        CreateDefaultClient(ClientOptions.BaseAddress, new RedirectHandler(), new CookieContainerHandler(), new ContractCheck.Handler());

    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
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

    /// <summary>
    /// Starts the server on a real loopback port rather than in memory, for clients in another process (the vendors'
    /// Node SDKs); returns <c>127.0.0.1:port</c>, the endpoint as those SDKs take it. Call it instead of
    /// <see cref="InitializeAsync"/>.
    /// </summary>
    public async Task<string> StartOnLoopbackAsync()
    {
        this.UseKestrel(0);
        await InitializeAsync();
        StartServer();
        return $"127.0.0.1:{ClientOptions.BaseAddress.Port}";
    }

    /// <summary>Moves the fake clock up to real time, for a client that signs its requests with the real time.</summary>
    public void CatchUpWithRealTime()
    {
        if (DateTimeOffset.UtcNow > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(DateTimeOffset.UtcNow);
        }
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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsStore)
        {
            await _store.DisposeAsync();
        }
    }
}
