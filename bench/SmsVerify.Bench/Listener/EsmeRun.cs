using System.Globalization;

namespace SmsVerify.Bench.Listener;

/// <summary>What one esme.pl run printed: its counts, its elapsed time, and the line of details before them.</summary>
internal sealed record EsmeResult(int Expected, int Submitted, int Acked, int Dlr, int Errors, double ElapsedMs, int ExitCode, string Details, string? Failure)
{
    public bool Ok => Failure is null;

    /// <summary>Messages over esme.pl's <c>elapsed_ms</c>: from its first submit_sm to the last receipt it waited for.</summary>
    public double PerSecond => ElapsedMs > 0 ? Expected / (ElapsedMs / 1000) : 0;

    public string Counts => $"submitted={Submitted} acked={Acked} dlr={Dlr} errors={Errors}";
}

/// <summary>
/// Runs /work/shared/peers/esme.pl (Net::SMPP): binds as a transceiver, submits N texts with up to W unanswered, asks a
/// receipt for each and waits for them, then prints <c>submitted=N acked=N dlr=N errors=N elapsed_ms=X</c>.
/// </summary>
internal static class EsmeRun
{
    /// <summary>The <c>--esme</c> path, else <c>../shared/peers/esme.pl</c> from the repository root, else /work/shared/peers/esme.pl.</summary>
    public static string Locate(string? option, string repoRoot)
    {
        if (option is not null)
        {
            return File.Exists(option) ? option : throw new BenchException($"--esme {option} does not exist");
        }
        string[] candidates = [Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "peers", "esme.pl")), "/work/shared/peers/esme.pl"];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new BenchException($"esme.pl not found at {string.Join(" or ", candidates)}; pass --esme PATH (it needs Debian's libnet-smpp-perl)");
    }

    /// <summary>
    /// One run of <paramref name="messages"/> texts (<c>{i}</c> becomes the message number) to one number; a failed
    /// bind, a missing ack or receipt, or any error fails the run.
    /// </summary>
    public static async Task<EsmeResult> RunAsync(
        string esme, int port, string systemId, string password, int messages, int window, string text, string destination, int timeoutSeconds)
    {
        string[] arguments =
        [
            esme, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", systemId, password, messages.ToString(CultureInfo.InvariantCulture),
            "--window", window.ToString(CultureInfo.InvariantCulture), "--text", text, "--dst", destination,
            "--timeout", timeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ];
        var (exitCode, output) = await ProcessRunner.RunAsync("perl", arguments, null, null, TimeSpan.FromSeconds(timeoutSeconds + 60));
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string details = lines.LastOrDefault(l => l.StartsWith("messages=", StringComparison.Ordinal)) ?? "";
        if (lines.LastOrDefault(l => l.StartsWith("submitted=", StringComparison.Ordinal)) is not { } summary)
        {
            string reason = lines.FirstOrDefault(l => l.StartsWith("bind_status=", StringComparison.Ordinal)) ?? Tail(output);
            return new EsmeResult(messages, 0, 0, 0, 0, 0, exitCode, details, $"esme.pl exited {exitCode} without its counts: {reason}");
        }
        var fields = summary.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
        int Field(string name) => fields.TryGetValue(name, out string? value) && int.TryParse(value, CultureInfo.InvariantCulture, out int n) ? n : -1;
        double elapsed = fields.TryGetValue("elapsed_ms", out string? ms) && double.TryParse(ms, CultureInfo.InvariantCulture, out double e) ? e : 0;
        var result = new EsmeResult(messages, Field("submitted"), Field("acked"), Field("dlr"), Field("errors"), elapsed, exitCode, details, null);
        bool complete = result.Submitted == messages && result.Acked == messages && result.Dlr == messages && result.Errors == 0 && exitCode == 0;
        return complete ? result : result with { Failure = $"expected {messages} acked and receipted with no errors: {result.Counts}, exit {exitCode}; {details}" };
    }

    private static string Tail(string output)
    {
        string trimmed = output.Trim();
        return trimmed.Length <= 600 ? trimmed : "…" + trimmed[^600..];
    }
}
