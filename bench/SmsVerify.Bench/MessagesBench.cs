using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Bench;

/// <summary>
/// End to end: HTTP → queue → SMPP → receipt. The server runs as a child process (on SQLite, or with --postgres on a
/// fresh PostgreSQL database) with one SMPP channel to an in-process SMSC that accepts everything and answers each
/// submit with a receipt at once. Measures the API's accept rate, the rate at which messages are settled (their
/// receipts acknowledged by the server), and how much was settled while the API was still accepting.
/// </summary>
internal static class MessagesBench
{
    public const string Usage =
        "messages [--messages N (20000)] [--batch N recipients per request (100)] [--connections N (16)] [--postgres \"<npgsql connection string>\"] [--redis host:port] [--no-build]";

    public static async Task<int> RunAsync(string[] args)
    {
        int messages = Option(args, "--messages", 20_000), batch = Option(args, "--batch", 100), connections = Option(args, "--connections", 16);
        string repoRoot = Bench.FindRepoRoot();
        string dll = args.Contains("--no-build") ? ServerProcess.LocateDll(repoRoot) : await ServerProcess.BuildAsync(repoRoot);

        string? postgres = Text(args, "--postgres"), redis = Text(args, "--redis");
        var database = postgres is null ? null : await PostgresDatabase.CreateAsync(postgres);
        try
        {
            return await MeasureAsync(dll, database?.ServerConnectionString, redis, messages, batch, connections);
        }
        finally
        {
            database?.Drop();
        }
    }

    private static async Task<int> MeasureAsync(string dll, string? postgres, string? redis, int messages, int batch, int connections)
    {
        var carrier = new BenchCarrier { Expected = messages };
        await using var smsc = new SmppServer(handler: carrier).Start();
        string operatorKey = Bench.RandomKey(40);
        using var server = ServerProcess.Start(dll, operatorKey, postgres, redis, new Dictionary<string, string>
        {
            ["Channels__0__Name"] = "bench",
            ["Channels__0__Host"] = "127.0.0.1",
            ["Channels__0__Port"] = smsc.EndPoint.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels__0__SystemId"] = "bench",
            ["Channels__0__Password"] = "bench",
            ["Channels__0__SourceAddress"] = "1069000",
            ["Channels__0__Window"] = "64",
            ["Channels__0__MessagesPerSecond"] = "0",
            ["Sandbox__CarrierEnabled"] = "false",
        });
        using var http = Bench.CreateClient(server.BaseAddress, connections);
        await server.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));
        var sender = await LiveTenant.CreateAsync(http, operatorKey);
        var (tenantKey, signature, template) = (sender.Key, sender.Signature, sender.NotificationTemplate);
        await SetupApi.WaitForChannelAsync(http, operatorKey, "bench");

        int phoneBase = Random.Shared.Next(0, 90_000_000);
        var bodies = Enumerable.Range(0, (messages + batch - 1) / batch).Select(r => JsonSerializer.SerializeToUtf8Bytes(new
        {
            to = Enumerable.Range(r * batch, Math.Min(batch, messages - (r * batch)))
                .Select(i => "+86139" + (phoneBase + i).ToString("D8", CultureInfo.InvariantCulture)).ToArray(),
            signature,
            template,
            @params = new { order = r.ToString(CultureInfo.InvariantCulture) },
        })).ToArray();

        var clock = Stopwatch.StartNew();
        var sends = await LoadRunner.RunAsync("send POST /v1/messages", bodies.Length, connections, async i =>
        {
            using var content = new ByteArrayContent(bodies[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenantKey);
            using var response = await http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Accepted ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        });
        var accepted = clock.Elapsed;
        long settledWhileAccepting = carrier.ReceiptsAcked;
        if (sends.Errors > 0)
        {
            throw new BenchException($"{sends.Errors} sends failed, e.g. {sends.ErrorSamples.FirstOrDefault()}");
        }
        var settled = await Task.WhenAny(carrier.AllSettled, Task.Delay(TimeSpan.FromMinutes(10)));
        var total = clock.Elapsed;
        if (settled != carrier.AllSettled)
        {
            throw new BenchException($"only {carrier.ReceiptsAcked} of {messages} receipts were acknowledged within 10 minutes; server:\n{server.OutputTail()}");
        }

        Console.WriteLine($"store: {(postgres is null ? "SQLite" : "PostgreSQL")}, limits: {(redis is null ? "in memory" : "Redis")}");
        // Delivery shares the machine with the API while requests come in; after the last one it has the machine alone.
        double drain = (messages - settledWhileAccepting) / (total - accepted).TotalSeconds;
        Console.WriteLine($"| messages | recipients per request | connections | accepted msg/s (API) | settled msg/s (end to end) | settled while accepting | drain msg/s after | submits seen by the SMSC |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {messages} | {batch} | {connections} | {messages / accepted.TotalSeconds:F0} | {messages / total.TotalSeconds:F0} | {settledWhileAccepting} | {drain:F0} | {carrier.Submits} |"));
        return 0;
    }

    private static string? Text(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int value) ? value : fallback;
    }
}
