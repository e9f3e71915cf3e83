using System.Diagnostics;
using System.Net.Sockets;

namespace SmsVerify.Bench.Versus;

/// <summary>
/// Kannel (the Debian package <c>kannel</c>) as the bench runs it: bearerbox and smsbox as child processes on a
/// kannel.conf written for the run into a temp folder, on free loopback ports, with one SMPP transceiver link to
/// the SMSC at window 64, no throughput cap, log level 1 (info) and delivery reports kept in memory.
/// </summary>
internal sealed class KannelBoxes : IDisposable
{
    public const string SmscId = "smsc";
    public const string User = "bench";
    public const string Password = "bench";
    private const string StatusPassword = "status";

    private readonly List<Process> _boxes = [];

    private KannelBoxes(string folder, int adminPort, int sendSmsPort)
    {
        Folder = folder;
        AdminPort = adminPort;
        SendSmsPort = sendSmsPort;
    }

    /// <summary>Holds kannel.conf and the logs; removed when the boxes stop, unless <see cref="KeepLogs"/>.</summary>
    public string Folder { get; }

    public bool KeepLogs { get; set; }

    public int AdminPort { get; }

    public int SendSmsPort { get; }

    /// <summary>CPU time bearerbox and smsbox have used so far.</summary>
    public TimeSpan Cpu => _boxes.Aggregate(TimeSpan.Zero, (sum, box) =>
    {
        box.Refresh();
        return sum + box.TotalProcessorTime;
    });

    /// <summary>A Kannel box (bearerbox, smsbox) on PATH or where the Debian package puts it, or null when it is not installed.</summary>
    public static string? FindBox(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public static async Task<KannelBoxes> StartAsync(int smscPort, TimeSpan timeout)
    {
        string bearerbox = FindBox("bearerbox") ?? throw new BenchException("bearerbox is not installed (apt-get install kannel)");
        string smsbox = FindBox("smsbox") ?? throw new BenchException("smsbox is not installed (apt-get install kannel)");
        var boxes = new KannelBoxes(Directory.CreateTempSubdirectory("smsverify-bench-kannel-").FullName,
            ServerProcess.FreePort(), ServerProcess.FreePort());
        try
        {
            int boxPort = ServerProcess.FreePort();
            string conf = Path.Combine(boxes.Folder, "kannel.conf");
            await File.WriteAllTextAsync(conf, KannelConf.Render(boxes.Folder, boxes.AdminPort, boxPort, boxes.SendSmsPort, smscPort,
                StatusPassword, SmscId, User, Password));
            var clock = Stopwatch.StartNew();
            boxes.StartBox(bearerbox, conf);
            // smsbox gives up if bearerbox is not listening for boxes yet.
            await WaitListeningAsync(boxPort, clock, timeout, "bearerbox's box port");
            boxes.StartBox(smsbox, conf);
            await WaitListeningAsync(boxes.SendSmsPort, clock, timeout, "smsbox's sendsms port");
            await boxes.WaitOnlineAsync(clock, timeout);
            return boxes;
        }
        catch
        {
            boxes.KeepLogs = true;
            boxes.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // smsbox first, as Debian's init script stops them; neither keeps state the next run needs.
        foreach (var box in Enumerable.Reverse(_boxes))
        {
            try
            {
                if (!box.HasExited)
                {
                    box.Kill();
                    box.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            box.Dispose();
        }
        _boxes.Clear();
        if (KeepLogs)
        {
            Console.Error.WriteLine($"Kannel's configuration and logs are kept in {Folder}");
            return;
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void StartBox(string box, string conf)
    {
        // -v 4: only panics on the console, as Debian's init script starts the boxes; the info lines go to the log files.
        var start = new ProcessStartInfo(box) { WorkingDirectory = Folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add("4");
        start.ArgumentList.Add(conf);
        var process = Process.Start(start) ?? throw new BenchException($"could not start {box}");
        _boxes.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Waits until the admin status page shows the SMPP link online and the smsbox connected.</summary>
    private async Task WaitOnlineAsync(Stopwatch clock, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var status = new Uri($"http://127.0.0.1:{AdminPort}/status.txt?password={StatusPassword}");
        string last = "";
        while (clock.Elapsed < timeout)
        {
            ThrowIfExited();
            try
            {
                last = await http.GetStringAsync(status);
                var lines = last.Split('\n');
                if (lines.Any(l => l.TrimStart().StartsWith($"smsc[{SmscId}]", StringComparison.Ordinal) && l.Contains("(online", StringComparison.Ordinal))
                    && lines.Any(l => l.TrimStart().StartsWith("smsbox:", StringComparison.Ordinal)))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(100);
        }
        throw new BenchException($"Kannel's SMPP link was not online within {timeout.TotalSeconds:F0} s; status: {last.Trim()}");
    }

    private static async Task WaitListeningAsync(int port, Stopwatch clock, TimeSpan timeout, string what)
    {
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                throw new BenchException($"{what} ({port}) was not listening within {timeout.TotalSeconds:F0} s");
            }
        }
    }

    private void ThrowIfExited()
    {
        if (_boxes.FirstOrDefault(b => b.HasExited) is { } exited)
        {
            throw new BenchException($"{exited.StartInfo.FileName} exited with code {exited.ExitCode}; see the logs in {Folder}");
        }
    }
}
