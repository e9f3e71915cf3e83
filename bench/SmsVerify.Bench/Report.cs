using System.Globalization;
using System.Runtime.InteropServices;

namespace SmsVerify.Bench;

internal sealed record RunInfo(string Database, string Cache, int Connections, int Warmup, string CommandLine);

internal static class Report
{
    // Targets from the project brief: throughput relative to the same run's /healthz baseline (so the
    // numbers compare across machines) and an absolute p99 at 32 connections.
    private const double CreateTarget = 0.20;
    private const double CheckTarget = 0.35;
    private const double P99TargetMs = 25;
    private const int P99TargetConnections = 32;

    /// <summary>Prints the markdown report; returns false if any measured request failed.</summary>
    public static bool Print(RunInfo run, PhaseResult baseline, IReadOnlyList<PhaseResult> phases)
    {
        var inv = CultureInfo.InvariantCulture;
        var all = new List<PhaseResult> { baseline };
        all.AddRange(phases);

        Console.WriteLine();
        Console.WriteLine(string.Create(inv,
            $"Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}; bench client and server on the same machine"));
        Console.WriteLine($"Store: {run.Database} + {run.Cache}; connections: {run.Connections}; requests per phase: {baseline.Requests} (after {run.Warmup} warm-up requests)");
        Console.WriteLine($"Command: `{run.CommandLine}`");
        Console.WriteLine();
        Console.WriteLine("| Phase | Requests | Errors | Requests/s | p50 ms | p99 ms | vs baseline |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in all)
        {
            Console.WriteLine(string.Create(inv,
                $"| {phase.Name} | {phase.Requests} | {phase.Errors} | {phase.RequestsPerSecond:F0} | {phase.PercentileMs(0.50):F2} | {phase.PercentileMs(0.99):F2} | {phase.RequestsPerSecond / baseline.RequestsPerSecond:P0} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Targets:");
        var create = phases[0];
        var check = phases[1];
        PrintRatioTarget("create", create, baseline, CreateTarget);
        PrintRatioTarget("check", check, baseline, CheckTarget);
        string atConnections = run.Connections == P99TargetConnections
            ? ""
            : $" (measured at {run.Connections} connections; the target is defined at {P99TargetConnections})";
        foreach (var phase in phases)
        {
            double p99 = phase.PercentileMs(0.99);
            Console.WriteLine(string.Create(inv,
                $"- {ShortName(phase)} p99 < {P99TargetMs} ms at {P99TargetConnections} connections: {p99:F2} ms {Verdict(p99 < P99TargetMs)}{atConnections}"));
        }

        int errors = all.Sum(p => p.Errors);
        if (errors > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"INVALID RUN: {errors} failed requests");
            foreach (var phase in all.Where(p => p.Errors > 0))
            {
                Console.WriteLine($"{phase.Name}: {phase.Errors} errors; first ones:");
                foreach (string sample in phase.ErrorSamples)
                {
                    Console.WriteLine($"  {sample}");
                }
            }
        }

        return errors == 0;
    }

    private static void PrintRatioTarget(string label, PhaseResult phase, PhaseResult baseline, double target)
    {
        double ratio = phase.RequestsPerSecond / baseline.RequestsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- {label} >= {target:P0} of baseline requests/s: {ratio:P1} {Verdict(ratio >= target)}"));
    }

    private static string ShortName(PhaseResult phase) => phase.Name.Split(' ')[0];

    private static string Verdict(bool pass) => pass ? "PASS" : "MISS";
}
