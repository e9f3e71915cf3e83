using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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
        var (tenantKey, signature, template) = await LiveSenderAsync(http, operatorKey);
        await WaitForChannelAsync(http, operatorKey);

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

    /// <summary>A live enterprise tenant with an approved signature and notification template, and a large balance.</summary>
    private static async Task<(string Key, string Signature, string Template)> LiveSenderAsync(HttpClient http, string operatorKey)
    {
        var tenant = await CallAsync(http, HttpMethod.Post, "/v1/tenants", operatorKey, JsonContent.Create(new { name = "bench", kind = "enterprise" }));
        string key = tenant.GetProperty("apiKey").GetString()!;
        string tenantId = tenant.GetProperty("id").GetString()!;
        string auditor = (await CallAsync(http, HttpMethod.Post, "/v1/operators/keys", operatorKey, JsonContent.Create(new { role = "auditor" })))
            .GetProperty("apiKey").GetString()!;
        var qualification = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["kind"] = "enterprise",
            ["companyName"] = "北京某某科技有限公司",
            ["creditCode"] = "91350100M000100Y43",
            ["licenceStatus"] = "normal",
            ["establishedOn"] = "2015-06-01",
            ["legalRepName"] = "张三",
            ["legalRepIdNumber"] = "11010519491231002X",
            ["industry"] = "E-commerce",
        })
        {
            qualification.Add(new StringContent(value), name);
        }
        qualification.Add(new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]) { Headers = { ContentType = new("image/jpeg") } }, "licence", "licence.jpg");
        await ApproveAsync(http, auditor, (await CallAsync(http, HttpMethod.Post, "/v1/qualifications", key, qualification)).GetProperty("id").GetString()!);
        var signature = new MultipartFormDataContent { { new StringContent("某某科技"), "name" }, { new StringContent("company"), "source" }, { new StringContent("general"), "purpose" } };
        await ApproveAsync(http, auditor, (await CallAsync(http, HttpMethod.Post, "/v1/signatures", key, signature)).GetProperty("id").GetString()!);
        var template = await CallAsync(http, HttpMethod.Post, "/v1/templates", key,
            JsonContent.Create(new { name = "发货", type = "notification", content = "您的订单${order}已发货，请注意查收。", scenario = "订单发货通知" }));
        var items = await CallAsync(http, HttpMethod.Get, "/v1/review/items?kind=template", auditor, null);
        await ApproveAsync(http, auditor, items[0].GetProperty("id").GetString()!);
        await CallAsync(http, HttpMethod.Post, $"/v1/tenants/{tenantId}/balance", operatorKey, JsonContent.Create(new { amount = 1_000_000 }));
        return (key, "某某科技", template.GetProperty("code").GetString()!);
    }

    private static Task ApproveAsync(HttpClient http, string auditor, string id) =>
        CallAsync(http, HttpMethod.Post, $"/v1/review/items/{id}/approve", auditor, JsonContent.Create(new { }));

    private static async Task WaitForChannelAsync(HttpClient http, string operatorKey)
    {
        for (int i = 0; i < 300; i++)
        {
            var channels = await CallAsync(http, HttpMethod.Get, "/v1/channels", operatorKey, null);
            if (channels.EnumerateArray().Any(c => c.GetProperty("name").GetString() == "bench" && c.GetProperty("state").GetString() == "up"))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new BenchException("the SMPP channel did not bind");
    }

    private static async Task<JsonElement> CallAsync(HttpClient http, HttpMethod method, string path, string key, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"{method} {path}: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
