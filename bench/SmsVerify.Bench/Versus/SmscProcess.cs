using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// The SMSC both senders talk to: the tests' peer on the npm <c>smpp</c> package (tests/SmsVerify.Smpp.Tests/peer/smsc.js),
/// answering every submit_sm and sending a DELIVRD receipt for it. <c>--quiet</c> keeps it to its listening and bind
/// lines, so it costs both senders the same and little. It exits when its stdin closes, so it dies with the bench.
/// </summary>
internal sealed class SmscProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private TaskCompletionSource<SmscStats>? _stats;

    private SmscProcess(Process process) => _process = process;

    public int Port { get; private set; }

    /// <summary>CPU time the SMSC has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<SmscProcess> StartAsync(string repoRoot)
    {
        string peer = Path.Combine(repoRoot, "tests", "SmsVerify.Smpp.Tests", "peer");
        if (!Directory.Exists(Path.Combine(peer, "node_modules", "smpp")))
        {
            throw new BenchException($"the SMSC's npm package is missing: run npm ci --prefix {Path.GetRelativePath(Directory.GetCurrentDirectory(), peer)}");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = peer,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "smsc.js", "0", "--receipts", "--quiet" })
        {
            start.ArgumentList.Add(argument);
        }
        var smsc = new SmscProcess(new Process { StartInfo = start });
        smsc._process.OutputDataReceived += (_, e) => smsc.Read(e.Data);
        smsc._process.ErrorDataReceived += (_, e) => smsc.Read(e.Data);
        try
        {
            smsc._process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new BenchException($"cannot run node: {ex.Message} (is it on PATH?)");
        }
        smsc._process.BeginOutputReadLine();
        smsc._process.BeginErrorReadLine();
        if (await Task.WhenAny(smsc._listening.Task, Task.Delay(TimeSpan.FromSeconds(30))) != smsc._listening.Task)
        {
            smsc.Dispose();
            throw new BenchException($"the SMSC did not listen within 30 s: {smsc.Output()}");
        }
        smsc.Port = await smsc._listening.Task;
        return smsc;
    }

    /// <summary>Submits accepted so far, and how many distinct (number, text) they carried.</summary>
    public async Task<SmscStats> StatsAsync()
    {
        var stats = new TaskCompletionSource<SmscStats>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _stats, stats);
        await _process.StandardInput.WriteLineAsync("stats");
        await _process.StandardInput.FlushAsync();
        return await stats.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>What it printed: the listening and bind events, or an error.</summary>
    public string Output()
    {
        lock (_output)
        {
            return string.Join(' ', _output);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Count < 50)
            {
                _output.Add(line);
            }
        }
        if (line.StartsWith("{\"event\":\"stats\"", StringComparison.Ordinal))
        {
            using var stats = JsonDocument.Parse(line);
            Volatile.Read(ref _stats)?.TrySetResult(new SmscStats(stats.RootElement.GetProperty("submits").GetInt32(), stats.RootElement.GetProperty("distinct").GetInt32()));
        }
        if (line.StartsWith("{\"event\":\"listening\"", StringComparison.Ordinal))
        {
            using var listening = JsonDocument.Parse(line);
            _listening.TrySetResult(listening.RootElement.GetProperty("port").GetInt32());
        }
    }
}

/// <summary>What the SMSC took: <see cref="Submits"/> accepted, carrying <see cref="Distinct"/> different (number, text).</summary>
internal readonly record struct SmscStats(int Submits, int Distinct)
{
    public int Duplicates => Submits - Distinct;
}
