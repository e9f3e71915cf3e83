using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SmsVerify.Bench.Versus;

/// <summary>Where SmsVerify keeps its data in a run: the embedded default (SQLite, limits in memory), or PostgreSQL and/or Redis.</summary>
internal sealed record SmsVerifyStore(string Label, string? Postgres, string? Redis);

/// <summary>
/// One SmsVerify run: a fresh SMSC and a fresh server with one SMPP channel to it, a live tenant whose webhook points
/// at the sink, then one <c>POST /v1/messages</c> (one recipient) or <c>POST /v1/verifications</c> per message.
/// </summary>
internal static class SmsVerifyRun
{
    private const string Channel = "versus";

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
        var server = resources.Add(ServerProcess.Start(dll, operatorKey, database?.ServerConnectionString, store.Redis, Settings(smsc.Port)));
        using var http = Bench.CreateClient(server.BaseAddress, options.Connections);
        await server.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));
        var tenant = await LiveTenant.CreateAsync(http, operatorKey);
        string template = variant == Variant.Verification ? await tenant.AddVerificationTemplateAsync(http) : tenant.NotificationTemplate;
        await SetupApi.WaitForChannelAsync(http, operatorKey, Channel);

        // The warm-up's numbers follow the measured ones, so no number gets two codes.
        int phoneBase = Random.Shared.Next(0, 100_000_000 - options.Messages - options.Warmup);
        var bodies = new byte[options.Messages + options.Warmup][];
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
            using var response = await http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            string? refusal = response.StatusCode == expected ? Refusal(body) : body;
            return refusal is null ? null : $"HTTP {(int)response.StatusCode} {refusal}";
        }

        bool byVerification = variant == Variant.Verification;
        if (options.Warmup > 0)
        {
            var warmup = sink.Begin(options.Warmup, byVerification);
            await tenant.SetWebhookAsync(http, sink.WebhookUrl(warmup));
            var warmed = await VersusResult.MeasureAsync(round, variant, store.Label, options.Connections, options.SettleTimeout, warmup,
                i => Send(options.Messages + i), () => server.Cpu, () => smsc.Cpu);
            if (!warmed.Ok)
            {
                return warmed with { Failure = $"warm-up: {warmed.Failure}" };
            }
        }
        var run = sink.Begin(options.Messages, byVerification);
        await tenant.SetWebhookAsync(http, sink.WebhookUrl(run));
        var result = await VersusResult.MeasureAsync(round, variant, store.Label, options.Connections, options.SettleTimeout, run, Send,
            () => server.Cpu, () => smsc.Cpu);
        if (!result.Ok)
        {
            Console.Error.WriteLine($"server output (last lines):\n{server.OutputTail()}");
        }
        return result;
    }

    /// <summary>The server's settings for the run, over what <see cref="ServerProcess"/> sets for every bench.</summary>
    private static Dictionary<string, string> Settings(int smscPort) => new()
    {
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
