using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SmsVerify.Bench.Versus;

/// <summary>Where SmsVerify keeps its data in a run: the embedded default (SQLite, limits in memory), or PostgreSQL and/or Redis.</summary>
internal sealed record SmsVerifyStore(string Label, string? Postgres, string? Redis);

/// <summary>
/// One SmsVerify run: a fresh SMSC and a fresh server with one SMPP channel to it (three servers on one store for
/// <see cref="Variant.Cluster"/>, the channel's binds leased one to each), a live tenant whose webhook points at the
/// sink, then one <c>POST /v1/messages</c> (one recipient) or <c>POST /v1/verifications</c> per message, the servers
/// taking the requests in turn. At the end the SMSC's count of submits and distinct texts must match what was sent.
/// </summary>
internal static class SmsVerifyRun
{
    private const string Channel = "versus";
    private const int ClusterNodes = 3;

    public static async Task<VersusResult> RunAsync(
        int round, Variant variant, SmsVerifyStore store, VersusOptions options, CallbackSink sink, string dll, string repoRoot, RunResources resources)
    {
        var smsc = resources.Add(await SmscProcess.StartAsync(repoRoot));
        PostgresDatabase? database = null;
        if (store.Postgres is not null)
        {
            database = await PostgresDatabase.CreateAsync(store.Postgres);
            resources.Defer(database.Drop);
        }
        string operatorKey = Bench.RandomKey(40);
        int nodes = variant == Variant.Cluster ? ClusterNodes : 1;
        var servers = new List<ServerProcess>();
        var clients = new List<HttpClient>();
        for (int n = 0; n < nodes; n++)
        {
            var server = resources.Add(ServerProcess.Start(dll, operatorKey, database?.ServerConnectionString, store.Redis, Settings(smsc.Port, nodes)));
            var client = Bench.CreateClient(server.BaseAddress, options.Connections);
            resources.Defer(client.Dispose);
            await server.WaitHealthyAsync(client, TimeSpan.FromSeconds(90));
            (servers, clients) = ([.. servers, server], [.. clients, client]);
        }
        var http = clients[0];
        var tenant = await LiveTenant.CreateAsync(http, operatorKey);
        string template = variant == Variant.Verification ? await tenant.AddVerificationTemplateAsync(http) : tenant.NotificationTemplate;
        foreach (var client in clients)
        {
            await SetupApi.WaitForChannelAsync(client, operatorKey, Channel);
        }
        TimeSpan ServersCpu() => servers.Aggregate(TimeSpan.Zero, (sum, server) => sum + server.Cpu);

        // Each node compiles its own hot paths, and the requests are spread over the nodes: every node gets the whole
        // warm-up, or three nodes would be measured a third as warm as one.
        int warmupMessages = options.Warmup * nodes;
        // The warm-up's numbers follow the measured ones, so no number gets two codes.
        int phoneBase = Random.Shared.Next(0, 100_000_000 - options.Messages - warmupMessages);
        var bodies = new byte[options.Messages + warmupMessages][];
        for (int i = 0; i < bodies.Length; i++)
        {
            string to = VersusTexts.Phone(phoneBase + i);
            bodies[i] = variant == Variant.Verification
                ? JsonSerializer.SerializeToUtf8Bytes(new { to, signature = tenant.Signature, template })
                : JsonSerializer.SerializeToUtf8Bytes(new { to = new[] { to }, signature = tenant.Signature, template, @params = new { order = VersusTexts.Order(i) } });
        }
        var (path, expected) = variant == Variant.Verification ? ("/v1/verifications", HttpStatusCode.Created) : ("/v1/messages", HttpStatusCode.Accepted);

        async Task<string?> Send(int i)
        {
            using var content = new ByteArrayContent(bodies[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);
            using var response = await clients[i % nodes].SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            string? refusal = response.StatusCode == expected ? Refusal(body) : body;
            return refusal is null ? null : $"HTTP {(int)response.StatusCode} {refusal}";
        }

        bool byVerification = variant == Variant.Verification;
        bool serverStore = store.Postgres is not null || store.Redis is not null;
        if (warmupMessages > 0)
        {
            var warmup = sink.Begin(warmupMessages, byVerification);
            await tenant.SetWebhookAsync(http, sink.WebhookUrl(warmup));
            var warmed = await VersusResult.MeasureAsync(round, variant, store.Label, options.Connections, options.SettleTimeout, warmup,
                i => Send(options.Messages + i), ServersCpu, () => smsc.Cpu, serverStore);
            if (!warmed.Ok)
            {
                return warmed with { Failure = $"warm-up: {warmed.Failure}" };
            }
        }
        var run = sink.Begin(options.Messages, byVerification);
        await tenant.SetWebhookAsync(http, sink.WebhookUrl(run));
        var result = await VersusResult.MeasureAsync(round, variant, store.Label, options.Connections, options.SettleTimeout, run, Send,
            ServersCpu, () => smsc.Cpu, serverStore);
        if (result.Ok)
        {
            result = await CheckSmscAsync(result, smsc, warmupMessages + options.Messages);
        }
        if (!result.Ok)
        {
            Console.Error.WriteLine($"server output (last lines):\n{string.Join("\n", servers.Select(s => s.OutputTail()))}");
        }
        return result;
    }

    /// <summary>Every message sent reached the SMSC once: each number its one text, and none twice.</summary>
    private static async Task<VersusResult> CheckSmscAsync(VersusResult result, SmscProcess smsc, int sent)
    {
        var stats = await smsc.StatsAsync();
        result = result with { Callbacks = $"{result.Callbacks}; smsc: {stats.Submits} submits, {stats.Duplicates} duplicates" };
        return stats.Distinct != sent || stats.Duplicates > 0
            ? result with { Failure = $"the SMSC took {stats.Distinct} distinct messages of {sent} sent, and {stats.Duplicates} twice" }
            : result;
    }

    /// <summary>The server's settings for the run, over what <see cref="ServerProcess"/> sets for every bench.</summary>
    private static Dictionary<string, string> Settings(int smscPort, int nodes) => new()
    {
        // One bind per node: leased across the nodes, so each holds one.
        ["Channels__0__Binds"] = nodes.ToString(CultureInfo.InvariantCulture),
        ["Channels__0__Name"] = Channel,
        ["Channels__0__Host"] = "127.0.0.1",
        ["Channels__0__Port"] = smscPort.ToString(CultureInfo.InvariantCulture),
        ["Channels__0__SystemId"] = "esme",
        ["Channels__0__Password"] = "secret",
        ["Channels__0__SourceAddress"] = VersusTexts.ChannelSourceAddress,
        // Kannel's window, and no rate limit, as Kannel has no throughput line.
        ["Channels__0__Window"] = "64",
        ["Channels__0__MessagesPerSecond"] = "0",
        ["Sandbox__CarrierEnabled"] = "false",
        ["Webhooks__AllowHttp"] = "true",
        ["Webhooks__AllowPrivateNetworks"] = "true",
        // Each number gets one code; the platform's per-number limits are raised only so that runs sharing a Redis
        // never count against each other.
        ["Limits__PerRecipient__3600"] = "1000000000",
        ["Limits__PerRecipient__86400"] = "1000000000",
        // The server's shipped level (appsettings.json), as Kannel runs at info; the bench's Warning would flatter it.
        ["Logging__LogLevel__Default"] = "Information",
    };

    /// <summary>A recipient refused inside a 202 (its message has an error code), or null.</summary>
    private static string? Refusal(string body)
    {
        if (!body.Contains("\"messages\"", StringComparison.Ordinal))
        {
            return null;
        }
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => m.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null)
            .FirstOrDefault(code => code is not null);
    }
}
