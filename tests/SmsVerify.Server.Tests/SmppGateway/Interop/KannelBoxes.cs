using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>
/// Kannel (Debian's <c>kannel</c>) for one test: bearerbox and smsbox as child processes on a kannel.conf written into
/// a temp folder, on free loopback ports. Stopped with SIGTERM (bearerbox then unbinds), killed if that is not enough;
/// tests put <see cref="Logs"/> into their failure messages, since the folder goes with the boxes.
/// </summary>
internal sealed class KannelBoxes : IAsyncDisposable
{
    private readonly List<Process> _boxes = [];

    private KannelBoxes(string folder, KannelPorts ports)
    {
        Folder = folder;
        Ports = ports;
    }

    public string Folder { get; }

    public KannelPorts Ports { get; }

    public static async Task<KannelBoxes> StartAsync(int smscPort, string systemId, string password, string moUrl)
    {
        var ports = FreePorts.Take(3);
        var boxes = new KannelBoxes(Directory.CreateTempSubdirectory("smsverify-interop-kannel-").FullName, new(ports[0], ports[1], ports[2]));
        var conf = Path.Combine(boxes.Folder, "kannel.conf");
        await File.WriteAllTextAsync(conf, KannelConf.Render(boxes.Folder, boxes.Ports, smscPort, systemId, password, moUrl));
        try
        {
            boxes.Start(InteropPeers.Find("bearerbox")!, conf);
            // smsbox gives up when bearerbox is not yet listening for boxes.
            await boxes.WaitListeningAsync(boxes.Ports.Box);
            boxes.Start(InteropPeers.Find("smsbox")!, conf);
            await boxes.WaitListeningAsync(boxes.Ports.SendSms);
            return boxes;
        }
        catch
        {
            await boxes.DisposeAsync();
            throw;
        }
    }

    /// <summary>A sendsms request as a tenant's application makes it: UTF-8 text sent as UCS-2, every report asked for.</summary>
    public async Task<string> SendSmsAsync(string to, string text, string dlrUrl)
    {
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["username"] = KannelConf.User,
            ["password"] = KannelConf.Password,
            ["from"] = "10690001",
            ["to"] = to,
            ["text"] = text,
            ["charset"] = "UTF-8",
            ["coding"] = "2",
            ["dlr-mask"] = "31",
            ["dlr-url"] = dlrUrl,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{Ports.SendSms}/cgi-bin/sendsms?{query}"));
    }

    /// <summary>What Kannel logged, for assertion messages.</summary>
    public string Logs() => string.Join('\n', Directory.GetFiles(Folder, "*.log").Select(f => $"== {f}\n{File.ReadAllText(f)}"));

    private void Start(string box, string conf)
    {
        // -v 4: only panics on the console; the rest goes to the log files in the folder.
        var start = new ProcessStartInfo(box) { WorkingDirectory = Folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "4", conf })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {box}");
        _boxes.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private async Task WaitListeningAsync(int port)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_boxes.FirstOrDefault(b => b.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"{exited.StartInfo.FileName} exited with {exited.ExitCode}; logs in {Folder}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // smsbox first, as Debian's init script stops them; SIGTERM lets bearerbox unbind from the listener.
        foreach (var box in Enumerable.Reverse(_boxes))
        {
            try
            {
                if (!box.HasExited)
                {
                    using var term = Process.Start("kill", ["-TERM", box.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    await term.WaitForExitAsync();
                    using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    try
                    {
                        await box.WaitForExitAsync(guard.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        box.Kill();
                        await box.WaitForExitAsync();
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            box.Dispose();
        }
        _boxes.Clear();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
