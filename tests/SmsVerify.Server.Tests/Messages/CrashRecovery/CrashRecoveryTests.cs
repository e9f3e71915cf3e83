using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Server;
using Xunit.Abstractions;

namespace SmsVerify.Server.Tests.Messages.CrashRecovery;

/// <summary>
/// The server as a process of its own, killed with SIGKILL while clients send one message per request; then a
/// server on the same store (the same one restarted, or on PostgreSQL another node that kept running) sends what
/// the dead one left. What the SMSC received says whether an accepted message was lost, sent twice unmarked, or
/// held for its lease: ten minutes here, against a one-minute hang guard.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int KillAfter = 300;
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    private readonly TestDatabase _store = new();
    private readonly CountingSmsc _smsc = new(answerDelay: TimeSpan.FromMilliseconds(50));
    private readonly SmppServer _smscServer;
    private readonly ITestOutputHelper _output;

    public CrashRecoveryTests(ITestOutputHelper output)
    {
        _smscServer = new SmppServer(handler: _smsc);
        _output = output;
    }

    public async Task InitializeAsync()
    {
        await _store.CreateAsync();
        _smscServer.Start();
    }

    public async Task DisposeAsync()
    {
        await _smscServer.DisposeAsync();
        await _store.DisposeAsync();
    }

    private Dictionary<string, string?> Settings => new(_store.Settings)
    {
        ["Documents:Directory"] = Path.Combine(_store.Directory, "documents"),
        ["Delivery:Lease"] = "00:10:00",
        ["Channels:0:Name"] = "smsc",
        ["Channels:0:Host"] = "127.0.0.1",
        ["Channels:0:Port"] = _smscServer.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
        ["Channels:0:SystemId"] = "smsverify",
        ["Channels:0:Password"] = "secret",
        ["Channels:0:SourceAddress"] = "1069000",
        // Slower than the clients send, so the worker holds a backlog of claims when the kill comes.
        ["Channels:0:MessagesPerSecond"] = "20",
        ["Sandbox:CarrierEnabled"] = "false",
    };

    [Fact]
    public async Task ServerKilledMidSend_RestartedOnTheSameStore_SendsEveryAcceptedMessage_MarkingThoseItMaySendTwice()
    {
        using var first = await StartAsync();
        var (key, template) = await SenderAsync(first);

        var accepted = await SendUntilKilledAsync(first, key, template);
        var claimed = await ClaimedAsync(node: null);
        using var restarted = await StartAsync();

        await AssertRecoveredAsync(restarted, key, accepted, claimed);
    }

    [PostgresFact]
    public async Task NodeKilledMidSend_AnotherNodeOnTheDatabase_SendsWhatItHadClaimed()
    {
        using var first = await StartAsync();
        var firstNode = await ReadAsync(db => db.DeliveryNodes.Select(n => n.Id).SingleAsync());
        using var second = await StartAsync();
        var (key, template) = await SenderAsync(first);
        // The channel's one bind is the first node's: the second waits on standby and takes it over once the first is dead.
        await WaitForChannelAsync(second, "standby");

        var accepted = await SendUntilKilledAsync(first, key, template);
        var claimed = await ClaimedAsync(firstNode);

        await AssertRecoveredAsync(second, key, accepted, claimed);
    }

    private async Task<ServerProcess> StartAsync()
    {
        var server = ServerProcess.Start(Settings);
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>A live tenant with a notification template and money to send, once the channel is bound.</summary>
    private static async Task<(string Key, string Template)> SenderAsync(ServerProcess server)
    {
        var sender = await server.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(server, Messaging.Notification, "notification");
        await server.TopUpAsync(sender.Tenant.Id, 1000m);
        await WaitForChannelAsync(server);
        return (sender.Tenant.ApiKey, template);
    }

    private static async Task WaitForChannelAsync(ServerProcess server, string state = "up")
    {
        using var http = server.Operator();
        await UntilAsync(async () => (await (await http.GetAsync("/v1/channels")).OkAsync()).EnumerateArray()
            .Any(c => c.Str("name") == "smsc" && c.Str("state") == state), () => $"the channel to be {state}:\n" + server.Output);
    }

    /// <summary>
    /// Four clients send one message per request, each to a number of its own, and the server is killed as the
    /// <see cref="KillAfter"/>th is accepted. Returns the accepted (202) messages by number; a request the kill
    /// cut off may have been stored or not, and counts as neither.
    /// </summary>
    private static async Task<Dictionary<string, Guid>> SendUntilKilledAsync(ServerProcess server, string key, string template)
    {
        var accepted = new ConcurrentDictionary<string, Guid>();
        var sent = 0;
        var count = 0;
        using var http = server.WithKey(key);
        async Task ClientAsync()
        {
            while (true)
            {
                var to = "+86139" + Interlocked.Increment(ref sent).ToString("D8", CultureInfo.InvariantCulture);
                HttpResponseMessage response;
                try
                {
                    response = await http.PostJsonAsync("/v1/messages", new { to = new[] { to }, signature = Senders.SignatureName, template, @params = new { order = "7" } });
                }
                catch (HttpRequestException)
                {
                    return;
                }
                accepted[to] = (await response.OkAsync(HttpStatusCode.Accepted)).GetProperty("messages")[0].GetProperty("id").GetGuid();
                if (Interlocked.Increment(ref count) == KillAfter)
                {
                    server.Kill();
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(ClientAsync)));
        return new(accepted);
    }

    /// <summary>The messages the dead server held claims on (of <paramref name="node"/>, when several run): the submits in flight.</summary>
    private async Task<Dictionary<string, Guid>> ClaimedAsync(Guid? node)
    {
        var claimed = await ReadAsync(db => db.Messages
            .Where(m => m.Status == MessageStatus.Queued && m.LeaseUntil != null && (node == null || m.ClaimedBy == node))
            .ToDictionaryAsync(m => m.To, m => m.Id));
        // Otherwise this run says nothing about claims left by a crash.
        Assert.NotEmpty(claimed);
        return claimed;
    }

    /// <summary>
    /// Every accepted message reaches the SMSC and the queue empties, within the hang guard (far less than the
    /// lease). Only messages the dead server had claimed reach it twice, and every one of those is marked
    /// <c>outcomeUnknown</c> in its API view.
    /// </summary>
    private async Task AssertRecoveredAsync(ServerProcess server, string key, Dictionary<string, Guid> accepted, Dictionary<string, Guid> claimed)
    {
        string[] Missing() => [.. accepted.Keys.Where(to => !_smsc.Submits.ContainsKey(to.TrimStart('+')))];
        var queued = 0;
        var started = DateTime.UtcNow;
        await UntilAsync(async () =>
        {
            queued = await ReadAsync(db => db.Messages.CountAsync(m => m.Status == MessageStatus.Queued));
            return queued == 0 && Missing().Length == 0;
        }, () => $"the queue to empty ({queued} queued) and the SMSC to have every accepted message ({Missing().Length} of {accepted.Count} missing):\n{server.Output}");

        var twice = _smsc.Submits.Where(s => s.Value > 1).Select(s => "+" + s.Key).ToList();
        _output.WriteLine($"{accepted.Count} accepted, {claimed.Count} claimed at the kill, {twice.Count} sent twice; the queue was empty {DateTime.UtcNow - started:g} after the check began.");
        Assert.All(twice, to => Assert.Contains(to, claimed.Keys));
        using var http = server.WithKey(key);
        foreach (var id in claimed.Values)
        {
            var message = await (await http.GetAsync($"/v1/messages/{id}")).OkAsync();
            Assert.True(message.GetProperty("outcomeUnknown").GetBoolean(), $"message {id} was claimed by the dead server and is not marked");
        }
    }

    private async Task<T> ReadAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var db = _store.Open();
        return await read(db);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Gave up waiting for " + what());
            await Task.Delay(100);
        }
    }
}
