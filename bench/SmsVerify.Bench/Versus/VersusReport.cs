using System.Globalization;
using System.Runtime.InteropServices;

namespace SmsVerify.Bench.Versus;

/// <summary>A line per run as it ends, then a markdown table of the medians and SmsVerify's settled rate over Kannel's.</summary>
internal static class VersusReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintHeader(VersusOptions options, IEnumerable<string> plan)
    {
        Console.WriteLine("## SmsVerify versus Kannel");
        Console.WriteLine();
        Console.WriteLine($"- machine: nproc {Environment.ProcessorCount}, {CpuModel()}, load average {LoadAverage()} at the start");
        Console.WriteLine($"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"- command: `{options.CommandLine}`");
        Console.WriteLine($"- {options.Messages} messages per run (after {options.Warmup} unmeasured to warm the sender up, per node), one per request, over {options.Connections} connections; rounds: {options.Rounds}, each running {string.Join(", ", plan)}");
        Console.WriteLine();
    }

    public static void PrintRun(VersusResult r, int rounds)
    {
        string run = $"round {r.Round}/{rounds} {Name(r.Variant),-22} {r.Store,-32}";
        if (r.Api is not { } api)
        {
            Console.WriteLine($"{run} FAILED: {r.Failure}");
            return;
        }
        Console.WriteLine(string.Create(Invariant,
            $"{run} accepted {r.AcceptedPerSecond,6:F0}/s  settled {r.SettledPerSecond,6:F0}/s  p50 {api.PercentileMs(0.50),6:F1} ms  p99 {api.PercentileMs(0.99),6:F1} ms  errors {api.Errors}  CPU/msg sender {r.SenderCpuPerMessage,5:F0} µs{Store(r)} smsc {r.SmscCpuPerMessage,4:F0} µs  ({r.Callbacks})"));
        if (r.Failure is not null)
        {
            Console.WriteLine($"  FAILED: {r.Failure}");
        }
    }

    /// <summary>The store's CPU in a run's line, where the sender keeps its messages in PostgreSQL or Redis.</summary>
    private static string Store(VersusResult r) =>
        r.StoreCpu > TimeSpan.Zero ? string.Create(Invariant, $" store {r.StoreCpuPerMessage,5:F0} µs") : "";

    private static string StoreMedian(List<VersusResult> ok) =>
        ok.All(r => r.StoreCpu > TimeSpan.Zero) ? string.Create(Invariant, $"{Median(ok.Select(r => r.StoreCpuPerMessage)):F0}") : "–";

    public static void PrintSummary(IReadOnlyList<VersusResult> results)
    {
        var groups = results.GroupBy(r => (r.Variant, r.Store)).ToList();
        var kannel = results.Where(r => r.Variant == Variant.Kannel && r.Ok).Select(r => r.SettledPerSecond).ToList();
        double? kannelSettled = kannel.Count > 0 ? Median(kannel) : null;
        Console.WriteLine();
        Console.WriteLine("| variant | store | runs ok | accepted msg/s | settled msg/s | settled min–max | API p50 ms | API p99 ms | sender CPU µs/msg | store CPU µs/msg | settled vs Kannel |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in groups)
        {
            var ok = group.Where(r => r.Ok).ToList();
            if (ok.Count == 0)
            {
                Console.WriteLine($"| {Name(group.Key.Variant)} | {group.Key.Store} | 0/{group.Count()} | – | – | – | – | – | – | – | – |");
                continue;
            }
            double settled = Median(ok.Select(r => r.SettledPerSecond));
            string ratio = group.Key.Variant == Variant.Kannel || kannelSettled is null ? "–" : string.Create(Invariant, $"{settled / kannelSettled.Value:F2}×");
            Console.WriteLine(string.Create(Invariant,
                $"| {Name(group.Key.Variant)} | {group.Key.Store} | {ok.Count}/{group.Count()} | {Median(ok.Select(r => r.AcceptedPerSecond)):F0} | {settled:F0} | {ok.Min(r => r.SettledPerSecond):F0}–{ok.Max(r => r.SettledPerSecond):F0} | {Median(ok.Select(r => r.Api!.PercentileMs(0.50))):F1} | {Median(ok.Select(r => r.Api!.PercentileMs(0.99))):F1} | {Median(ok.Select(r => r.SenderCpuPerMessage)):F0} | {StoreMedian(ok)} | {ratio} |"));
        }
        Console.WriteLine();
        Console.WriteLine(kannelSettled is not null
            ? "settled vs Kannel: the variant's median settled msg/s over Kannel's median settled msg/s in the same rounds (the target is ≥ 2×)."
            : results.Any(r => r.Variant == Variant.Kannel) ? "No Kannel run succeeded, so there is no ratio." : "Kannel did not run, so there is no ratio.");
        var oneNode = results.Where(r => r.Variant == Variant.Message && r.Ok && r.Store != "SQLite").Select(r => r.SettledPerSecond).ToList();
        var threeNodes = results.Where(r => r.Variant == Variant.Cluster && r.Ok).Select(r => r.SettledPerSecond).ToList();
        if (oneNode.Count > 0 && threeNodes.Count > 0)
        {
            Console.WriteLine(string.Create(Invariant,
                $"three nodes vs one on the same store: {Median(threeNodes) / Median(oneNode):F2}× settled msg/s (medians of the same rounds)."));
        }
        if (results.Any(r => !r.Ok))
        {
            Console.WriteLine($"{results.Count(r => !r.Ok)} of {results.Count} runs FAILED; their rows count only the runs that succeeded.");
        }
    }

    public static string Name(Variant variant) => variant switch
    {
        Variant.Kannel => "kannel sendsms",
        Variant.Message => "smsverify message",
        Variant.Cluster => "smsverify message ×3 nodes",
        _ => "smsverify verification",
    };

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    internal static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
                ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
                : "CPU model unknown";
        }
        catch (IOException)
        {
            return "CPU model unknown";
        }
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
