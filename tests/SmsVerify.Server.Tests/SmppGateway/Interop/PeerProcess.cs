using System.Diagnostics;
using System.Text;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>Runs a peer to its end and keeps what it printed; the timeout only keeps a broken run from hanging the suite.</summary>
internal sealed record PeerProcess(int ExitCode, string Output, string Error)
{
    public static async Task<PeerProcess> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish; it printed: {await output} {await error}");
        }
        return new PeerProcess(process.ExitCode, await output, await error);
    }

    public static bool Succeeds(string program, params string[] arguments)
    {
        try
        {
            return RunAsync(program, arguments, timeout: TimeSpan.FromSeconds(20)).GetAwaiter().GetResult().ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>For assertion messages: everything the peer said.</summary>
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
