using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.Tests.Cluster;

/// <summary>
/// Three server processes on one PostgreSQL database and one Redis, as an operator runs several nodes, with one SMPP
/// channel of <see cref="Binds"/> binds to one SMSC (so one node is on standby) and status events posted to one
/// webhook receiver. Started once for the cluster tests; each test uses tenants of its own.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    private readonly TestDatabase _store = new();
    private readonly SmppServer _smscServer;
    private readonly List<ServerProcess> _started = [];

    public ClusterFixture() => _smscServer = new SmppServer(handler: Smsc);

    internal ClusterSmsc Smsc { get; } = new();

    public WebhookReceiver Webhooks { get; private set; } = null!;

    public ServerProcess[] Nodes { get; private set; } = [];

    /// <summary>Wrong codes on a number, across all its verifications, that lock it (the default is 20).</summary>
    public const int LockAfter = 3;

    /// <summary>The channel's binds: what the carrier allows the account, for all the nodes together.</summary>
    public const int Binds = 2;

    public async Task InitializeAsync()
    {
        if (!TestDatabase.OnPostgres || string.IsNullOrWhiteSpace(RedisFactAttribute.ConnectionString))
        {
            return; // The facts are skipped.
        }
        await _store.CreateAsync();
        _smscServer.Start();
        Webhooks = await WebhookReceiver.StartAsync();
        // The first node creates the schema; the others start on it together.
        var first = await StartNodeAsync();
        Nodes = [first, .. await Task.WhenAll(StartNodeAsync(), StartNodeAsync())];
        // The first node took both slots; it gives one to a node that has none, and the third waits on standby.
        string[] states = [];
        await UntilAsync(async () =>
        {
            states = [.. (await Task.WhenAll(Nodes.Select(ChannelStateAsync))).Order()];
            return states.SequenceEqual(["standby", "up", "up"]) && Smsc.Binds == Binds;
        }, () => $"two nodes to bind and one to wait (channels {string.Join(", ", states)}, {Smsc.Binds} binds)");
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _started)
        {
            node.Dispose();
        }
        if (Webhooks is not null)
        {
            await Webhooks.DisposeAsync();
        }
        await _smscServer.DisposeAsync();
        await _store.DisposeAsync();
    }

    /// <summary>One more node on the same store, with the same settings and any others given.</summary>
    public async Task<ServerProcess> StartNodeAsync(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(_store.Settings)
        {
            ["Documents:Directory"] = Path.Combine(_store.Directory, "documents"),
            ["Channels:0:Name"] = "smsc",
            ["Channels:0:Host"] = "127.0.0.1",
            ["Channels:0:Port"] = _smscServer.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:0:SystemId"] = "smsverify",
            ["Channels:0:Password"] = "secret",
            ["Channels:0:SourceAddress"] = "1069000",
            ["Channels:0:Binds"] = Binds.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:CarrierEnabled"] = "false",
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["Limits:FailedChecksLockAfter"] = LockAfter.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        var node = ServerProcess.Start(settings);
        lock (_started)
        {
            _started.Add(node);
        }
        await node.WaitHealthyAsync();
        return node;
    }

    /// <summary>Waits for the node's channel to be in one of <paramref name="states"/> (up, by default).</summary>
    public static async Task WaitForChannelAsync(ServerProcess node, params string[] states)
    {
        states = states.Length == 0 ? ["up"] : states;
        await UntilAsync(async () => Array.IndexOf(states, await ChannelStateAsync(node)) >= 0, () => $"the channel to be {string.Join(" or ", states)}:\n" + node.Output);
    }

    public static async Task<string> ChannelStateAsync(ServerProcess node)
    {
        using var http = node.Operator();
        return (await (await http.GetAsync("/v1/channels")).OkAsync()).EnumerateArray().Single(c => c.Str("name") == "smsc").Str("state");
    }

    public async Task<T> ReadAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var db = _store.Open();
        return await read(db);
    }

    public Task<List<Guid>> NodeIdsAsync() => ReadAsync(db => db.DeliveryNodes.Select(n => n.Id).ToListAsync());

    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? guard = null)
    {
        var deadline = DateTime.UtcNow + (guard ?? Guard);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Gave up waiting for " + what());
            await Task.Delay(50);
        }
    }
}
