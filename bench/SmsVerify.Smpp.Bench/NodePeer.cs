using System.Diagnostics;
using System.Text.Json;

namespace SmsVerify.Smpp.Bench;

/// <summary>Runs the test peer (npm `smpp`) with its event output discarded after the listening line.</summary>
internal sealed class NodePeer : IAsyncDisposable
{
    private readonly Process _process;

    private NodePeer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<NodePeer> StartAsync()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "tests/SmsVerify.Smpp.Tests/peer/smsc.js")))
        {
            dir = dir.Parent;
        }
        var peer = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("peer/smsc.js not found"), "tests/SmsVerify.Smpp.Tests/peer");
        var start = new ProcessStartInfo("node") { WorkingDirectory = peer, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("smsc.js");
        start.ArgumentList.Add("0");
        var process = Process.Start(start)!;
        var first = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the node peer did not start");
        var port = JsonDocument.Parse(first).RootElement.GetProperty("port").GetInt32();
        // Keep reading so the peer never blocks on a full stdout pipe.
        _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
        return new NodePeer(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.Dispose();
    }
}
