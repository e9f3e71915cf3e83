// Load benchmark for SmsVerify.Server: starts the real server as a child process, sets up tenants
// and sandbox numbers, then measures GET /healthz (baseline), POST /v1/verifications (create) and
// POST /v1/verifications/check (check) and prints a markdown table. See docs/benchmarks.md.
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Running;
using SmsVerify.Bench;

// `content` runs the in-process BenchmarkDotNet benchmarks of the content rules and scorer instead of the HTTP load test;
// the arguments after it go to BenchmarkDotNet (for example `--job short`, or `--filter '*SendScreen*'` for one class).
if (args is ["content", .. var benchmarkArgs])
{
    BenchmarkSwitcher.FromTypes([typeof(ContentScorerBenchmarks), typeof(SendScreenBenchmarks), typeof(TemplateReviewBenchmarks), typeof(TemplateMatchBenchmarks)]).Run(benchmarkArgs.Contains("--filter") ? benchmarkArgs : [.. benchmarkArgs, "--filter", "*"]);
    return 0;
}

// `messages` runs the end-to-end delivery benchmark: HTTP → queue → SMPP → receipt.
if (args is ["messages", .. var messageArgs])
{
    try
    {
        return await MessagesBench.RunAsync(messageArgs);
    }
    catch (BenchException ex)
    {
        Console.Error.WriteLine($"bench failed: {ex.Message}");
        return 1;
    }
}

// `compat` compares a vendor-compatible send (Alibaba SendSms) with a native one, interleaved, and prints the ratio.
if (args is ["compat", .. var compatArgs])
{
    try
    {
        return await SmsVerify.Bench.Compat.CompatBench.RunAsync(compatArgs);
    }
    catch (BenchException ex)
    {
        Console.Error.WriteLine($"bench failed: {ex.Message}");
        return 1;
    }
}

// `versus` runs Kannel and SmsVerify end to end against the same SMSC, interleaved, and prints the ratio.
if (args is ["versus", .. var versusArgs])
{
    try
    {
        return await SmsVerify.Bench.Versus.VersusBench.RunAsync(versusArgs);
    }
    catch (BenchException ex)
    {
        Console.Error.WriteLine($"bench failed: {ex.Message}");
        return 1;
    }
}

// `listener` runs esme.pl through SmsVerify's SMPP listener and straight to the same SMSC, interleaved, and prints the ratio.
if (args is ["listener", .. var listenerArgs])
{
    try
    {
        return await SmsVerify.Bench.Listener.ListenerBench.RunAsync(listenerArgs);
    }
    catch (BenchException ex)
    {
        Console.Error.WriteLine($"bench failed: {ex.Message}");
        return 1;
    }
}

BenchOptions? options = BenchOptions.Parse(args, out string? usageError);
if (options is null)
{
    Console.Error.WriteLine(usageError);
    Console.Error.WriteLine(BenchOptions.Usage);
    return usageError is null ? 0 : 2;
}

try
{
    return await Bench.RunAsync(options);
}
catch (BenchException ex)
{
    Console.Error.WriteLine($"bench failed: {ex.Message}");
    return 1;
}

namespace SmsVerify.Bench
{
    /// <summary>A failure that makes the run impossible or invalid; reported without a stack trace.</summary>
    internal sealed class BenchException(string message) : Exception(message);

    internal static class Bench
    {
        // Four tenants so the server's per-tenant state (keys, sandbox lists) is not one hot row.
        private const int TenantCount = 4;
        private const string FixedCode = "123456";

        public static async Task<int> RunAsync(BenchOptions options)
        {
            string repoRoot = FindRepoRoot();
            PostgresDatabase? database = null;
            ServerProcess? server = null;

            // Ctrl+C / SIGTERM must not leave a server (or a bench database) behind.
            int cleanedUp = 0;
            void Cleanup()
            {
                if (Interlocked.Exchange(ref cleanedUp, 1) != 0)
                {
                    return;
                }

                server?.Dispose();
                database?.Drop();
            }

            // The handlers don't cancel the signal, so the bench still terminates right after cleaning up.
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Cleanup());
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Cleanup());
            using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => Cleanup());

            try
            {
                string dll;
                if (options.ServerDll is not null)
                {
                    dll = File.Exists(options.ServerDll) ? options.ServerDll : throw new BenchException($"{options.ServerDll} does not exist");
                }
                else if (options.NoBuild)
                {
                    dll = ServerProcess.LocateDll(repoRoot);
                }
                else
                {
                    Console.WriteLine("building src/SmsVerify.Server (Release)...");
                    dll = await ServerProcess.BuildAsync(repoRoot);
                }

                if (options.Postgres is not null)
                {
                    database = await PostgresDatabase.CreateAsync(options.Postgres);
                    Console.WriteLine($"created PostgreSQL database {database.Name}");
                }

                string operatorKey = RandomKey(40);
                server = ServerProcess.Start(dll, operatorKey, database?.ServerConnectionString, options.Redis);
                Console.WriteLine($"server: {dll} on {server.BaseAddress} (data in {server.DataDirectory})");

                using var http = CreateClient(server.BaseAddress, options.Connections);
                await server.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));

                var api = new Api(http);
                return await MeasureAsync(api, operatorKey, options, server);
            }
            finally
            {
                Cleanup();
            }
        }

        private static async Task<int> MeasureAsync(Api api, string operatorKey, BenchOptions options, ServerProcess server)
        {
            int n = options.Requests;
            int warmup = options.Warmup;
            int connections = options.Connections;

            // --- Setup (not measured) -------------------------------------------------------------
            var setupClock = Stopwatch.StartNew();
            var tenantKeys = new string[TenantCount];
            for (int t = 0; t < TenantCount; t++)
            {
                tenantKeys[t] = await api.CreateTenantAsync(operatorKey, $"bench-{t + 1}");
            }

            // One number per create (measured + warm-up), so no create meets a pending verification.
            // A random base keeps runs that share a Redis instance from reusing each other's numbers.
            int total = n + warmup;
            int phoneBase = Random.Shared.Next(0, 100_000_000 - total);
            string Phone(int i) => "+86138" + (phoneBase + i).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            string KeyFor(int i) => tenantKeys[i % TenantCount];

            var register = await LoadRunner.RunAsync("register sandbox numbers", total, connections,
                i => api.RegisterSandboxNumberAsync(KeyFor(i), Phone(i), FixedCode));
            RequireNoErrors(register, server);
            Console.WriteLine($"setup: {TenantCount} tenants, {total} sandbox numbers in {setupClock.Elapsed.TotalSeconds:F1} s");

            // Request bodies are prepared up front so the measured loop does as little client work as possible.
            var createBodies = new byte[total][];
            for (int i = 0; i < total; i++)
            {
                createBodies[i] = Api.CreateBody(Phone(i));
            }

            // Indexes [0, n) are measured; [n, n + warmup) are the warm-up numbers.
            var ids = new string?[total];
            async Task<string?> Create(int i)
            {
                (ids[i], string? error) = await api.CreateVerificationAsync(KeyFor(i), createBodies[i]);
                return error;
            }

            byte[][]? checkBodies = null;
            Task<string?> Check(int i) => ids[i] is null
                ? Task.FromResult<string?>("no verification id (create failed)")
                : api.CheckAsync(KeyFor(i), checkBodies![i]);

            // --- Measured phases ------------------------------------------------------------------
            RequireNoErrors(await LoadRunner.RunAsync("warm-up healthz", warmup, connections, _ => api.HealthAsync()), server);
            var baseline = await LoadRunner.RunAsync("baseline GET /healthz", n, connections, _ => api.HealthAsync());
            Console.WriteLine($"  {baseline.Name}: {baseline.RequestsPerSecond:F0} req/s");

            RequireNoErrors(await LoadRunner.RunAsync("warm-up create", warmup, connections, i => Create(n + i)), server);
            var create = await LoadRunner.RunAsync("create POST /v1/verifications", n, connections, Create);
            Console.WriteLine($"  {create.Name}: {create.RequestsPerSecond:F0} req/s");

            checkBodies = new byte[total][];
            for (int i = 0; i < total; i++)
            {
                checkBodies[i] = ids[i] is { } id ? Api.CheckBody(id, FixedCode) : [];
            }

            RequireNoErrors(await LoadRunner.RunAsync("warm-up check", warmup, connections, i => Check(n + i)), server);
            var check = await LoadRunner.RunAsync("check POST /v1/verifications/check", n, connections, Check);
            Console.WriteLine($"  {check.Name}: {check.RequestsPerSecond:F0} req/s");

            var run = new RunInfo(
                options.Postgres is null ? "SQLite" : "PostgreSQL",
                options.Redis is null ? "in-memory" : "Redis",
                connections,
                warmup,
                options.DisplayCommandLine);
            bool valid = Report.Print(run, baseline, [create, check]);
            return valid ? 0 : 1;
        }

        private static void RequireNoErrors(PhaseResult result, ServerProcess server)
        {
            if (result.Errors == 0)
            {
                return;
            }

            Console.Error.WriteLine($"{result.Name}: {result.Errors} of {result.Requests} requests failed; first failures:");
            foreach (string sample in result.ErrorSamples)
            {
                Console.Error.WriteLine($"  {sample}");
            }

            throw new BenchException($"{result.Name} failed; last server output:\n{server.OutputTail()}");
        }

        internal static HttpClient CreateClient(Uri baseAddress, int connections)
        {
            var handler = new SocketsHttpHandler
            {
                // Exactly one keep-alive connection per worker, reused for the whole run.
                MaxConnectionsPerServer = connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                UseProxy = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            };
            return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }

        internal static string FindRepoRoot()
        {
            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "SmsVerify.slnx")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new BenchException("cannot find the repository root (SmsVerify.slnx); run from inside the repository");
        }

        public static string RandomKey(int length) =>
            System.Security.Cryptography.RandomNumberGenerator.GetString(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
    }
}
