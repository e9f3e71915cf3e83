using System.Runtime.InteropServices;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// SmsVerify against Kannel, end to end on the same SMSC, load and machine: every round runs each variant once, in
/// order, so a slow spell of the machine falls on all of them alike. Each run starts its own SMSC and sender and
/// stops them at its end. Exits non-zero if any run failed.
/// </summary>
internal static class VersusBench
{
    private sealed record Step(Variant Variant, SmsVerifyStore? Store)
    {
        public override string ToString() => Store is null ? "kannel" : $"{Variant.ToString().ToLowerInvariant()} on {Store.Label}";
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (VersusOptions.Parse(args, out string? error) is not { } options)
        {
            (error is null ? Console.Out : Console.Error).WriteLine(error is null ? VersusOptions.Usage : $"{error}\n{VersusOptions.Usage}");
            return error is null ? 0 : 2;
        }
        string repoRoot = Bench.FindRepoRoot();
        var steps = Plan(options);
        string? dll = null;
        if (steps.Any(s => s.Store is not null))
        {
            dll = options.NoBuild ? ServerProcess.LocateDll(repoRoot) : await BuildAsync(repoRoot);
        }
        VersusReport.PrintHeader(options, steps.Select(s => s.ToString()));
        await using var sink = await CallbackSink.StartAsync();

        // Ctrl+C, SIGTERM or SIGHUP stop the current run's SMSC, boxes or server (and drop its database); the
        // handlers do not cancel the signal, so the bench ends right after.
        RunResources? current = null;
        void Interrupt() => Volatile.Read(ref current)?.Dispose();
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Interrupt());
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Interrupt());
        using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => Interrupt());

        var results = new List<VersusResult>();
        for (int round = 1; round <= options.Rounds; round++)
        {
            foreach (var step in steps)
            {
                using var resources = new RunResources();
                Volatile.Write(ref current, resources);
                var result = await RunStepAsync(round, step, options, sink, dll, repoRoot, resources);
                Volatile.Write(ref current, null);
                VersusReport.PrintRun(result, options.Rounds);
                results.Add(result);
            }
        }
        VersusReport.PrintSummary(results);
        return results.All(r => r.Ok) ? 0 : 1;
    }

    private static async Task<VersusResult> RunStepAsync(
        int round, Step step, VersusOptions options, CallbackSink sink, string? dll, string repoRoot, RunResources resources)
    {
        string store = step.Store?.Label ?? KannelRun.Store;
        try
        {
            return step.Store is null
                ? await KannelRun.RunAsync(round, options, sink, repoRoot, resources)
                : await SmsVerifyRun.RunAsync(round, step.Variant, step.Store, options, sink, dll!, repoRoot, resources);
        }
        catch (Exception ex) when (ex is BenchException or HttpRequestException or TaskCanceledException or IOException)
        {
            return VersusResult.Failed(round, step.Variant, store, ex.Message);
        }
    }

    /// <summary>Kannel first in each round, then SmsVerify's variants on the embedded store, then on PostgreSQL/Redis.</summary>
    private static List<Step> Plan(VersusOptions options)
    {
        var steps = new List<Step>();
        if (options.Variants.Contains(Variant.Kannel))
        {
            if (KannelBoxes.FindBox("bearerbox") is null)
            {
                Console.WriteLine("note: Kannel is not installed (no bearerbox on PATH or in /usr/sbin; apt-get install kannel): the kannel variant is skipped");
            }
            else
            {
                steps.Add(new Step(Variant.Kannel, null));
            }
        }
        var stores = new List<SmsVerifyStore> { new("SQLite", null, null) };
        if (options.Postgres is not null || options.Redis is not null)
        {
            string label = string.Join(" + ", new[] { options.Postgres is null ? "SQLite" : "PostgreSQL", options.Redis is null ? null : "Redis" }.OfType<string>());
            stores.Add(new SmsVerifyStore(label, options.Postgres, options.Redis));
        }
        foreach (var store in stores)
        {
            // Several nodes share only a server store: not the embedded SQLite file.
            steps.AddRange(options.Variants.Where(v => v != Variant.Kannel && (v != Variant.Cluster || store.Postgres is not null))
                .Order().Select(v => new Step(v, store)));
        }
        return steps;
    }

    private static async Task<string> BuildAsync(string repoRoot)
    {
        Console.WriteLine("building src/SmsVerify.Server (Release)...");
        return await ServerProcess.BuildAsync(repoRoot);
    }
}
