using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using SmsVerify.Bench.Versus;

namespace SmsVerify.Bench.Listener;

/// <summary>One esme.pl run in a round, and what the server and the SMSC spent on it.</summary>
internal sealed record ListenerRun(int Round, bool ThroughListener, EsmeResult Esme, TimeSpan ServerCpu, TimeSpan SmscCpu)
{
    public string Name => ThroughListener ? "esme.pl → listener → SMSC" : "esme.pl → SMSC";
}

/// <summary>
/// The SMPP listener's target: esme.pl through SmsVerify to the npm SMSC, receipts back to esme.pl, against esme.pl straight
/// to the same SMSC in the same run. One SMSC and one server serve every round; each round runs esme.pl straight, then
/// through the listener, so a slow spell of the machine falls on both alike. Exits non-zero if any run failed.
/// </summary>
internal static class ListenerBench
{
    /// <summary>The largest window and rate an SMPP account may have, so that the account is not what limits the run.</summary>
    public const int AccountWindow = 1000;

    private const int AccountRate = 10000;
    private const string Channel = "listener";
    private const string SystemId = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        if (ListenerOptions.Parse(args, out string? error) is not { } options)
        {
            (error is null ? Console.Out : Console.Error).WriteLine(error is null ? ListenerOptions.Usage : $"{error}\n{ListenerOptions.Usage}");
            return error is null ? 0 : 2;
        }
        string repoRoot = Bench.FindRepoRoot();
        string esme = EsmeRun.Locate(options.Esme, repoRoot);
        string dll = options.NoBuild ? ServerProcess.LocateDll(repoRoot) : await BuildAsync(repoRoot);

        // Ctrl+C, SIGTERM or SIGHUP stop the SMSC and the server (and drop the database); the handlers do not cancel the
        // signal, so the bench ends right after.
        using var resources = new RunResources();
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => resources.Dispose());
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => resources.Dispose());
        using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => resources.Dispose());

        var smsc = resources.Add(await SmscProcess.StartAsync(repoRoot));
        PostgresDatabase? database = null;
        if (options.Postgres is not null)
        {
            database = await PostgresDatabase.CreateAsync(options.Postgres);
            resources.Defer(database.Drop);
        }
        int listenerPort = ServerProcess.FreePort();
        string operatorKey = Bench.RandomKey(40);
        var server = resources.Add(ServerProcess.Start(dll, operatorKey, database?.ServerConnectionString, options.Redis, Settings(smsc.Port, listenerPort)));
        using var http = Bench.CreateClient(server.BaseAddress, 4);
        await server.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));
        var tenant = await LiveTenant.CreateAsync(http, operatorKey);
        await SetupApi.WaitForChannelAsync(http, operatorKey, Channel);
        string password = (await SetupApi.CallAsync(http, HttpMethod.Post, "/v1/smpp/accounts", tenant.Key,
            JsonContent.Create(new { systemId = SystemId, window = AccountWindow, messagesPerSecond = AccountRate }))).GetProperty("password").GetString()!;

        // Both paths carry the same text: the tenant's notification, signed, with esme.pl's message number as the order,
        // so every message differs and the listener matches it to the approved template.
        string text = $"【{tenant.Signature}】" + LiveTenant.NotificationContent.Replace("${order}", "{i}", StringComparison.Ordinal);
        string destination = "86139" + Random.Shared.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        string store = string.Join(" + ", options.Postgres is null ? "SQLite" : "PostgreSQL", options.Redis is null ? "limits in memory" : "Redis");
        ListenerReport.PrintHeader(options, esme, store, text);

        async Task<ListenerRun> Run(int round, bool throughListener, int messages)
        {
            var (server0, smsc0) = (server.Cpu, smsc.Cpu);
            EsmeResult result;
            try
            {
                result = throughListener
                    ? await EsmeRun.RunAsync(esme, listenerPort, SystemId, password, messages, options.Window, text, destination, options.Timeout)
                    : await EsmeRun.RunAsync(esme, smsc.Port, "esme", "secret", messages, options.Window, text, destination, options.Timeout);
            }
            catch (BenchException ex)
            {
                result = new EsmeResult(messages, 0, 0, 0, 0, 0, -1, "", ex.Message);
            }
            return new ListenerRun(round, throughListener, result, server.Cpu - server0, smsc.Cpu - smsc0);
        }

        if (options.Warmup > 0)
        {
            var warmup = await Run(0, true, options.Warmup);
            ListenerReport.PrintRun(warmup, options.Rounds);
            if (!warmup.Esme.Ok)
            {
                Console.Error.WriteLine($"server output (last lines):\n{server.OutputTail()}");
                return 1;
            }
        }
        var runs = new List<ListenerRun>();
        for (int round = 1; round <= options.Rounds; round++)
        {
            foreach (bool throughListener in new[] { false, true })
            {
                var run = await Run(round, throughListener, options.Messages);
                ListenerReport.PrintRun(run, options.Rounds);
                if (!run.Esme.Ok && throughListener)
                {
                    Console.Error.WriteLine($"server output (last lines):\n{server.OutputTail()}");
                }
                runs.Add(run);
            }
        }
        ListenerReport.PrintSummary(runs, options.Messages);
        return runs.All(r => r.Esme.Ok) ? 0 : 1;
    }

    /// <summary>The server's settings, over what <see cref="ServerProcess"/> sets for every bench: the listener on a known port, one SMPP channel.</summary>
    private static Dictionary<string, string> Settings(int smscPort, int listenerPort) => new()
    {
        ["SmppListener__Port"] = listenerPort.ToString(CultureInfo.InvariantCulture),
        ["Channels__0__Name"] = Channel,
        ["Channels__0__Host"] = "127.0.0.1",
        ["Channels__0__Port"] = smscPort.ToString(CultureInfo.InvariantCulture),
        ["Channels__0__SystemId"] = "esme",
        ["Channels__0__Password"] = "secret",
        ["Channels__0__SourceAddress"] = VersusTexts.ChannelSourceAddress,
        // The versus mode's channel: window 64 and no rate limit, so that the channel's rate is the server's own.
        ["Channels__0__Window"] = "64",
        ["Channels__0__MessagesPerSecond"] = "0",
        ["Sandbox__CarrierEnabled"] = "false",
        // The server's shipped level (appsettings.json), as in the versus mode; the bench's Warning would flatter it.
        ["Logging__LogLevel__Default"] = "Information",
    };

    private static async Task<string> BuildAsync(string repoRoot)
    {
        Console.WriteLine("building src/SmsVerify.Server (Release)...");
        return await ServerProcess.BuildAsync(repoRoot);
    }
}
