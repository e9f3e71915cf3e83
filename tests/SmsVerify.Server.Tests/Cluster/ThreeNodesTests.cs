using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Cluster;

/// <summary>
/// Requests spread over three nodes behave as on one: each message is submitted once and settled wherever its receipt
/// arrives, each status event is posted once, a number's limits, a tenant's rate-limit buckets and its failed-check
/// lock count across the nodes, a change on one node (a deleted key, a suspension, a tripped breaker) applies on the
/// others at once, and a channel's binds are the carrier's limit for all the nodes together.
/// </summary>
/// <remarks>Nodes started by a test for itself name one bind slot more (<see cref="ExtraSlot"/>), so that they bind too.</remarks>
public sealed class ThreeNodesTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string TestNumber = "+8613800000042";

    // Shorter than any per-node cache (API keys and suspensions 30 s): a node that refuses within it was told.
    private static readonly TimeSpan Told = TimeSpan.FromSeconds(10);

    private static int _numbers;

    private static readonly Dictionary<string, string?> ExtraSlot = new() { ["Channels:0:Binds"] = (ClusterFixture.Binds + 1).ToString(CultureInfo.InvariantCulture) };

    [ClusterFact]
    public async Task AChannelsBinds_AreHeldByTheNodesTogether_AndADeadNodesSlotIsTakenOver()
    {
        // Two nodes hold the carrier's two binds, one each, though the first to start took both; the third waits.
        var states = await Task.WhenAll(cluster.Nodes.Select(ClusterFixture.ChannelStateAsync));
        Assert.Equal(["standby", "up", "up"], states.Order());
        Assert.Equal(ClusterFixture.Binds, cluster.Smsc.Binds);

        using var holder = await cluster.StartNodeAsync(ExtraSlot);
        await ClusterFixture.WaitForChannelAsync(holder);
        holder.Kill();
        using var successor = await cluster.StartNodeAsync(ExtraSlot);
        // On standby until the dead node's heartbeat is old enough (Delivery:NodeTimeout), then bound on its slot.
        await ClusterFixture.WaitForChannelAsync(successor);

        Assert.True(cluster.Smsc.MostBinds <= ClusterFixture.Binds + 1, $"{cluster.Smsc.MostBinds} binds were open at once");
        Assert.Equal(ClusterFixture.Binds + 1, cluster.Smsc.Binds);
    }

    [ClusterFact]
    public async Task MessagesAcceptedOnEveryNode_AreSubmittedOnce_SettledByReceiptsOnAnyNodesBind_AndPostedOnce()
    {
        var (key, template, _) = await LiveSenderAsync();
        var accepted = new ConcurrentDictionary<Guid, string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 90), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
        {
            using var http = cluster.Nodes[i % 3].WithKey(key);
            var to = NewNumber();
            var response = await http.PostJsonAsync("/v1/messages", new { to = new[] { to }, signature = Senders.SignatureName, template, @params = new { order = "7" } });
            accepted[(await response.OkAsync(HttpStatusCode.Accepted)).GetProperty("messages")[0].GetProperty("id").GetGuid()] = to;
        });

        Dictionary<Guid, List<string>> Statuses() => Events()
            .GroupBy(e => e.Data.GetProperty("id").GetGuid())
            .ToDictionary(g => g.Key, g => g.Select(e => e.Data.Str("status")).ToList());
        await ClusterFixture.UntilAsync(() => Task.FromResult(accepted.Keys.All(id => Statuses().GetValueOrDefault(id)?.Contains("delivered") == true)),
            () => $"a delivered event for every message ({accepted.Keys.Count(id => Statuses().GetValueOrDefault(id)?.Contains("delivered") == true)} of {accepted.Count})");

        Assert.All(accepted.Values, to => Assert.Equal(1, cluster.Smsc.Submits[to.TrimStart('+')]));
        Assert.True(cluster.Smsc.ReceiptsElsewhere > 0, "every receipt came back on the bind its message went out on");
        var events = Events().Where(e => accepted.ContainsKey(e.Data.GetProperty("id").GetGuid())).ToList();
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(accepted.Keys, id => Assert.Single(Statuses()[id], s => s == "delivered"));
        // The nodes appended to one audit trail at once: one unbroken chain, a record for every send.
        using var auditor = cluster.Nodes[1].Operator();
        var verification = await (await auditor.GetAsync("/v1/audit/verify")).OkAsync();
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        var sequences = await cluster.ReadAsync(db => db.AuditRecords.OrderBy(r => r.Sequence).Select(r => r.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.True(sequences.Count >= accepted.Count, $"{sequences.Count} audit records for {accepted.Count} sends");
    }

    [ClusterFact]
    public async Task ANumbersSendLimitAndFailedCheckLock_CountRequestsOnEveryNode()
    {
        var tenant = await cluster.Nodes[0].CreateTenantAsync();
        await tenant.RegisterNumberAsync(TestNumber, fixedCode: "123456");
        var onNode = cluster.Nodes.Select(n => tenant with { Http = n.WithKey(tenant.ApiKey) }).ToArray();

        // One code a minute per number, whichever node is asked.
        var starts = new List<HttpResponseMessage>();
        foreach (var node in onNode)
        {
            starts.Add(await node.StartAsync(TestNumber));
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], starts.Select(s => s.StatusCode));
        var id = (await starts[0].OkAsync(HttpStatusCode.Created)).Str("id");

        // A wrong code on each node: together they lock the number, so even the right code is refused.
        foreach (var node in onNode.Take(ClusterFixture.LockAfter))
        {
            Assert.Equal(HttpStatusCode.OK, (await node.CheckAsync(id, "999999")).StatusCode);
        }
        await (await onNode[0].CheckAsync(id, "123456")).ProblemAsync(HttpStatusCode.TooManyRequests, "verification_locked");
    }

    [ClusterFact]
    public async Task ATenantsRateLimitBucket_CountsStartsOnEveryNode()
    {
        var tenant = await cluster.Nodes[0].CreateTenantAsync();
        string[] numbers = ["+8613800000051", "+8613800000052", "+8613800000053"];
        foreach (var number in numbers)
        {
            await tenant.RegisterNumberAsync(number);
        }
        await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key = "endUserIp", buckets = new[] { new { max = 2, intervalSeconds = 600 } } }))
            .OkAsync(HttpStatusCode.Created);

        // Two codes in ten minutes from one address, whichever node each request reaches.
        var starts = new List<HttpResponseMessage>();
        for (var i = 0; i < numbers.Length; i++)
        {
            starts.Add(await cluster.Nodes[i].WithKey(tenant.ApiKey).PostJsonAsync("/v1/verifications", new { to = numbers[i], rateLimits = new { endUserIp = "203.0.113.7" } }));
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], starts.Select(s => s.StatusCode));
        await starts[2].ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
    }

    [ClusterFact]
    public async Task AKeyDeletedOnOneNode_IsRefusedByTheOthers_ThoughTheyHadItCached()
    {
        var tenant = await cluster.Nodes[0].CreateTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/api-keys", new { })).OkAsync(HttpStatusCode.Created);
        var key = created.Str("apiKey");
        foreach (var node in cluster.Nodes)
        {
            using var http = node.WithKey(key);
            await (await http.GetAsync("/v1/api-keys")).OkAsync();
        }

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync($"/v1/api-keys/{created.Str("id")}")).StatusCode);

        foreach (var node in cluster.Nodes.Skip(1))
        {
            using var http = node.WithKey(key);
            await ClusterFixture.UntilAsync(async () => (await http.GetAsync("/v1/api-keys")).StatusCode == HttpStatusCode.Unauthorized,
                () => "the deleted key to be refused", Told);
        }
    }

    [ClusterFact]
    public async Task ASuspensionOrATrippedBreakerOnOneNode_StopsSendsOnTheOthers()
    {
        var (key, template, tenantId) = await LiveSenderAsync();
        async Task<HttpResponseMessage> SendAsync(ServerProcess node)
        {
            using var http = node.WithKey(key);
            return await http.PostJsonAsync("/v1/messages", new { to = new[] { NewNumber() }, signature = Senders.SignatureName, template, @params = new { order = "7" } });
        }
        foreach (var node in cluster.Nodes)
        {
            await (await SendAsync(node)).OkAsync(HttpStatusCode.Accepted);
        }

        using var op = cluster.Nodes[0].Operator();
        await (await op.PostJsonAsync($"/v1/tenants/{tenantId}/suspend", new { })).OkAsync();
        foreach (var node in cluster.Nodes.Skip(1))
        {
            await ClusterFixture.UntilAsync(async () => (await SendAsync(node)).StatusCode == HttpStatusCode.Forbidden, () => "the suspension", Told);
            await (await SendAsync(node)).ProblemAsync(HttpStatusCode.Forbidden, "tenant_suspended");
        }
        await (await op.PostJsonAsync($"/v1/tenants/{tenantId}/resume", new { })).OkAsync();

        var riskKey = await (await op.PostJsonAsync("/v1/operators/keys", new { role = "risk" })).OkAsync(HttpStatusCode.Created);
        using var risk = cluster.Nodes[0].WithKey(riskKey.Str("apiKey"));
        await (await risk.PostJsonAsync("/v1/risk/breakers", new { tenantId, scope = "tenant", reason = "Pumping seen on node one." })).OkAsync(HttpStatusCode.Created);
        foreach (var node in cluster.Nodes.Skip(1))
        {
            await ClusterFixture.UntilAsync(async () => (await SendAsync(node)).StatusCode == HttpStatusCode.Locked, () => "the breaker", Told);
            await (await SendAsync(node)).ProblemAsync(HttpStatusCode.Locked, "sending_suspended");
        }
    }

    [ClusterFact]
    public async Task ANodeStoppedWithSigterm_DrainsAndExits_AndEveryMessageItAcceptedIsSentOnce()
    {
        var (key, template, _) = await LiveSenderAsync();
        var before = await cluster.NodeIdsAsync();
        // A slow bind of its own, so that it holds messages not yet submitted when the signal comes.
        using var node = await cluster.StartNodeAsync(new(ExtraSlot) { ["Channels:0:MessagesPerSecond"] = "50" });
        await ClusterFixture.WaitForChannelAsync(node);
        var nodeId = (await cluster.NodeIdsAsync()).Except(before).Single();

        var accepted = new ConcurrentDictionary<string, Guid>();
        var count = 0;
        using var http = node.WithKey(key);
        async Task ClientAsync()
        {
            while (true)
            {
                var to = NewNumber();
                HttpResponseMessage response;
                try
                {
                    response = await http.PostJsonAsync("/v1/messages", new { to = new[] { to }, signature = Senders.SignatureName, template, @params = new { order = "7" } });
                }
                catch (HttpRequestException)
                {
                    return;
                }
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    return;
                }
                accepted[to] = (await response.JsonAsync()).GetProperty("messages")[0].GetProperty("id").GetGuid();
                if (Interlocked.Increment(ref count) == 150)
                {
                    node.Terminate();
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(ClientAsync)));

        Assert.Equal(0, await node.ExitCodeAsync());
        Assert.Equal(0, await cluster.ReadAsync(db => db.Set<BindLeaseRecord>().CountAsync(l => l.NodeId == nodeId)));
        Assert.Equal(0, await cluster.ReadAsync(db => db.Messages.CountAsync(m => m.ClaimedBy == nodeId && m.LeaseUntil != null && m.Status == MessageStatus.Queued)));
        string[] Missing() => [.. accepted.Keys.Where(to => !cluster.Smsc.Submits.ContainsKey(to.TrimStart('+')))];
        await ClusterFixture.UntilAsync(() => Task.FromResult(Missing().Length == 0), () => $"{Missing().Length} of {accepted.Count} accepted messages to reach the SMSC");
        Assert.All(accepted.Keys, to => Assert.Equal(1, cluster.Smsc.Submits[to.TrimStart('+')]));
        var ids = accepted.Values.ToList();
        Assert.Equal(0, await cluster.ReadAsync(db => db.Messages.CountAsync(m => ids.Contains(m.Id) && m.OutcomeUnknown)));
    }

    /// <summary>A live tenant with a notification template, money to send and a webhook for status events.</summary>
    private async Task<(string Key, string Template, Guid TenantId)> LiveSenderAsync()
    {
        var node = cluster.Nodes[0];
        var sender = await node.CreateLiveSenderAsync();
        var template = await sender.Tenant.CreateApprovedTemplateAsync(node, Messaging.Notification, "notification");
        await node.TopUpAsync(sender.Tenant.Id, 1000m);
        await (await sender.Http.PutJsonAsync("/v1/webhooks", new { url = cluster.Webhooks.Url, events = new[] { "message.status" } })).OkAsync();
        return (sender.Tenant.ApiKey, template, sender.Tenant.Id);
    }

    private IEnumerable<(string Id, JsonElement Data)> Events() =>
        cluster.Webhooks.Requests.ToArray()
            .Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Where(body => body.ValueKind == JsonValueKind.Array)
            .SelectMany(body => body.EnumerateArray())
            .Where(e => e.Str("type") == "message.status")
            .Select(e => (e.Str("id"), e.GetProperty("data")));

    private static string NewNumber() => "+86139" + Interlocked.Increment(ref _numbers).ToString("D8", CultureInfo.InvariantCulture);
}
