using System.Globalization;
using System.Runtime.InteropServices;
using SmsVerify.Bench.Versus;

namespace SmsVerify.Bench.Listener;

/// <summary>A line per run as it ends, then a markdown table per round with the listener's rate over the straight one.</summary>
internal static class ListenerReport
{
    /// <summary>The issue's target: through the listener, at least this share of esme.pl's rate straight to the SMSC.</summary>
    private const double Target = 0.80;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintHeader(ListenerOptions options, string esme, string store, string text)
    {
        Console.WriteLine("## esme.pl through the SMPP listener against esme.pl straight to the SMSC");
        Console.WriteLine();
        Console.WriteLine($"- machine: nproc {Environment.ProcessorCount}, {VersusReport.CpuModel()}, load average {VersusReport.LoadAverage()} at the start; esme.pl, the SMSC and the server share it");
        Console.WriteLine($"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; SmsVerify on {store}");
        Console.WriteLine($"- command: `{options.CommandLine}`");
        Console.WriteLine($"- esme.pl: {esme}, window {options.Window}, receipts on, {options.Messages} messages per run, text `{text}` (UCS-2)");
        Console.WriteLine($"- rounds: {options.Rounds}, each running esme.pl straight to the SMSC, then through the listener; before round 1, {options.Warmup} messages through the listener, unmeasured");
        Console.WriteLine();
    }

    public static void PrintRun(ListenerRun r, int rounds)
    {
        string round = r.Round == 0 ? "warm-up" : $"round {r.Round}/{rounds}";
        string run = $"{round,-11} {r.Name,-27}";
        var e = r.Esme;
        string cpu = r.ThroughListener
            ? string.Create(Invariant, $"CPU/msg server {r.ServerCpu.TotalMicroseconds / e.Expected,5:F0} µs smsc {r.SmscCpu.TotalMicroseconds / e.Expected,4:F0} µs")
            : string.Create(Invariant, $"CPU/msg smsc {r.SmscCpu.TotalMicroseconds / e.Expected,4:F0} µs");
        Console.WriteLine(e.ElapsedMs > 0
            ? string.Create(Invariant, $"{run} elapsed {e.ElapsedMs,7:F0} ms  {e.PerSecond,6:F0} msg/s  {e.Counts}  {cpu}")
            : $"{run} no counts");
        if (e.Failure is not null)
        {
            Console.WriteLine($"  FAILED: {e.Failure}");
        }
    }

    public static void PrintSummary(IReadOnlyList<ListenerRun> runs, int messages)
    {
        Console.WriteLine();
        Console.WriteLine("| round | straight: elapsed ms | straight: msg/s | listener: elapsed ms | listener: msg/s | listener / straight |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var ratios = new List<double>();
        foreach (var round in runs.GroupBy(r => r.Round))
        {
            var straight = round.Single(r => !r.ThroughListener).Esme;
            var listener = round.Single(r => r.ThroughListener).Esme;
            string ratio = "–";
            if (straight.Ok && listener.Ok)
            {
                ratios.Add(listener.PerSecond / straight.PerSecond);
                ratio = string.Create(Invariant, $"{ratios[^1]:F2}");
            }
            Console.WriteLine($"| {round.Key} | {Cell(straight, e => e.ElapsedMs)} | {Cell(straight, e => e.PerSecond)} | {Cell(listener, e => e.ElapsedMs)} | {Cell(listener, e => e.PerSecond)} | {ratio} |");
        }
        var straightOk = runs.Where(r => !r.ThroughListener && r.Esme.Ok).Select(r => r.Esme).ToList();
        var listenerOk = runs.Where(r => r.ThroughListener && r.Esme.Ok).Select(r => r.Esme).ToList();
        Console.WriteLine(string.Create(Invariant,
            $"| median | {Median(straightOk, e => e.ElapsedMs)} | {Median(straightOk, e => e.PerSecond)} | {Median(listenerOk, e => e.ElapsedMs)} | {Median(listenerOk, e => e.PerSecond)} | {(ratios.Count > 0 ? Median(ratios).ToString("F2", Invariant) : "–")} |"));
        Console.WriteLine();
        Console.WriteLine("msg/s: messages over esme.pl's elapsed_ms, from its first submit_sm to the last receipt it waited for.");
        Console.WriteLine(ratios.Count > 0
            ? string.Create(Invariant, $"Target: through the listener ≥ {Target:P0} of straight, median over the rounds: {Median(ratios):P0} {(Median(ratios) >= Target ? "PASS" : "MISS")}")
            : "Target: no round had both runs succeed, so there is no ratio.");
        int failed = runs.Count(r => !r.Esme.Ok);
        Console.WriteLine(failed == 0
            ? $"Correct: every run ended submitted = acked = dlr = {messages}, errors = 0."
            : $"{failed} of {runs.Count} runs FAILED (not every message acked and receipted with no errors); the medians count only the runs that succeeded.");
    }

    private static string Cell(EsmeResult e, Func<EsmeResult, double> value) => e.Ok ? value(e).ToString("F0", Invariant) : "FAILED";

    private static string Median(List<EsmeResult> results, Func<EsmeResult, double> value) =>
        results.Count == 0 ? "–" : Median(results.Select(value)).ToString("F0", Invariant);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
