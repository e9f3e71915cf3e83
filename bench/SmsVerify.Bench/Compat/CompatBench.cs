using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmsVerify.Bench.Compat;

/// <summary>
/// What the vendor door costs: one message per request, sent by the same live tenant through the native
/// <c>POST /v1/messages</c> and through Alibaba's <c>SendSms</c> signed with ACS3-HMAC-SHA256, in interleaved rounds
/// against one server (docs/benchmarks.md). Messages go to fresh numbers through the sandbox carrier, so no carrier
/// is needed and no per-number limit is met. Issue 14's target: an Alibaba send costs at most 1.3× a native one.
/// </summary>
internal static class CompatBench
{
    public const string Usage =
        "compat [--messages N per door (6000)] [--rounds N (3)] [--connections N (16)] [--postgres \"<npgsql connection string>\"] [--redis host:port] [--no-build]";

    private const double Target = 1.3;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        int messages = Option(args, "--messages", 6000), rounds = Option(args, "--rounds", 3), connections = Option(args, "--connections", 16);
        string repoRoot = Bench.FindRepoRoot();
        string dll = args.Contains("--no-build") ? ServerProcess.LocateDll(repoRoot) : await ServerProcess.BuildAsync(repoRoot);
        string? postgres = Text(args, "--postgres"), redis = Text(args, "--redis");
        var database = postgres is null ? null : await PostgresDatabase.CreateAsync(postgres);
        try
        {
            string operatorKey = Bench.RandomKey(40);
            using var server = ServerProcess.Start(dll, operatorKey, database?.ServerConnectionString, redis);
            using var http = Bench.CreateClient(server.BaseAddress, connections);
            await server.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));
            var doors = await CompatDoors.CreateAsync(http, operatorKey, server.BaseAddress.Authority);
            var (native, alibaba) = await MeasureAsync(doors, Math.Max(1, messages / Math.Max(1, rounds)), Math.Max(1, rounds), connections, server);
            Print(native, alibaba, postgres is null ? "SQLite" : "PostgreSQL", redis is null ? "in memory" : "Redis", connections, rounds);
            return 0;
        }
        finally
        {
            database?.Drop();
        }
    }

    /// <summary>A warm-up of each door, then rounds of both, the order swapped each round so neither always runs on a warmer server.</summary>
    private static async Task<(PhaseResult Native, PhaseResult Alibaba)> MeasureAsync(CompatDoors doors, int perRound, int rounds, int connections, ServerProcess server)
    {
        var native = new List<PhaseResult>();
        var alibaba = new List<PhaseResult>();
        int warmup = Math.Min(perRound, 500);
        Require(await LoadRunner.RunAsync("warm-up native", warmup, connections, _ => doors.SendNativeAsync()), server);
        Require(await LoadRunner.RunAsync("warm-up alibaba", warmup, connections, _ => doors.SendAlibabaAsync()), server);
        for (int round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { false, true } : [true, false];
            foreach (bool isAlibaba in order)
            {
                var phase = isAlibaba
                    ? await LoadRunner.RunAsync("Alibaba SendSms (ACS3)", perRound, connections, _ => doors.SendAlibabaAsync())
                    : await LoadRunner.RunAsync("native POST /v1/messages", perRound, connections, _ => doors.SendNativeAsync());
                Require(phase, server);
                (isAlibaba ? alibaba : native).Add(phase);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: {phase.Name}: {phase.RequestsPerSecond:F0} req/s"));
            }
        }
        return (Merge(native), Merge(alibaba));
    }

    private static PhaseResult Merge(List<PhaseResult> phases)
    {
        var latencies = phases.SelectMany(p => p.LatencyTicks).ToArray();
        Array.Sort(latencies);
        return new PhaseResult(phases[0].Name, phases.Sum(p => p.Requests), phases.Sum(p => p.Errors),
            TimeSpan.FromTicks(phases.Sum(p => p.Elapsed.Ticks)), latencies, []);
    }

    private static void Print(PhaseResult native, PhaseResult alibaba, string store, string limits, int connections, int rounds)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"store: {store}, limits: {limits}, connections: {connections}, {rounds} interleaved rounds, {Environment.ProcessorCount} logical CPUs shared by client and server"));
        Console.WriteLine("| door | messages | req/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var phase in new[] { native, alibaba })
        {
            Console.WriteLine(string.Create(inv, $"| {phase.Name} | {phase.Requests} | {phase.RequestsPerSecond:F0} | {phase.PercentileMs(0.50):F2} | {phase.PercentileMs(0.99):F2} |"));
        }
        double cost = native.RequestsPerSecond / alibaba.RequestsPerSecond;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Alibaba costs {cost:F2}× a native send (target ≤ {Target:F1}×): {(cost <= Target ? "met" : "NOT met")}"));
    }

    private static void Require(PhaseResult result, ServerProcess server)
    {
        if (result.Errors > 0)
        {
            throw new BenchException($"{result.Name}: {result.Errors} of {result.Requests} failed, e.g. {result.ErrorSamples.FirstOrDefault()}; server:\n{server.OutputTail()}");
        }
    }

    private static string? Text(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
    }
}

/// <summary>The two doors one live tenant sends through, each call to a number no other call used.</summary>
internal sealed class CompatDoors(HttpClient http, LiveTenant tenant, string accessKeyId, string secret, string host)
{
    private readonly int _phoneBase = Random.Shared.Next(0, 50_000_000);
    private int _next = -1;

    public static async Task<CompatDoors> CreateAsync(HttpClient http, string operatorKey, string host)
    {
        var tenant = await LiveTenant.CreateAsync(http, operatorKey);
        var credential = await SetupApi.CallAsync(http, HttpMethod.Post, "/v1/api-credentials", tenant.Key, JsonContent.Create(new { vendor = "alibaba" }));
        return new CompatDoors(http, tenant, credential.GetProperty("keyId").GetString()!, credential.GetProperty("secret").GetString()!, host);
    }

    private string NextNumber() => "139" + (_phoneBase + Interlocked.Increment(ref _next)).ToString("D8", CultureInfo.InvariantCulture);

    public async Task<string?> SendNativeAsync()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { to = new[] { "+86" + NextNumber() }, signature = tenant.Signature, template = tenant.NotificationTemplate, @params = new { order = "1" } });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Accepted ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    public async Task<string?> SendAlibabaAsync()
    {
        using var request = Acs3Signer.Sign(host, accessKeyId, secret, "SendSms", new Dictionary<string, string>
        {
            ["PhoneNumbers"] = NextNumber(),
            ["SignName"] = tenant.Signature,
            ["TemplateCode"] = tenant.NotificationTemplate,
            ["TemplateParam"] = """{"order":"1"}""",
        });
        using var response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        // Business failures are HTTP 200 with a Code other than OK, as Alibaba answers them.
        return response.StatusCode == HttpStatusCode.OK && body.Contains("\"Code\":\"OK\"", StringComparison.Ordinal) ? null : $"{(int)response.StatusCode} {body}";
    }
}
