using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace SmsVerify.Smpp.Tests.NodePeer;

/// <summary>
/// Runs peer/smsc.js (an SMSC on the npm `smpp` package) as a child process and reads its JSON-line events.
/// The peer exits when its stdin closes, so it cannot outlive a crashed test run.
/// </summary>
internal sealed class NodeSmsc : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];
    private readonly Task _reader;

    private NodeSmsc(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    public int Port { get; private set; }

    public static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);

    public static string? FindPeerDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "SmsVerify.Smpp.Tests", "peer");
            if (File.Exists(Path.Combine(candidate, "smsc.js")))
            {
                return candidate;
            }
        }
        return null;
    }

    public static async Task<NodeSmsc> StartAsync(params string[] options)
    {
        var peer = FindPeerDirectory() ?? throw new InvalidOperationException("peer/smsc.js not found");
        var start = new ProcessStartInfo(FindNode()!)
        {
            WorkingDirectory = peer,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("smsc.js");
        start.ArgumentList.Add("0");
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }
        var smsc = new NodeSmsc(Process.Start(start)!);
        var listening = await smsc.NextAsync("listening");
        smsc.Port = listening.GetProperty("port").GetInt32();
        return smsc;
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith('{'))
            {
                _events.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
            }
        }
        _events.Writer.TryComplete(new InvalidOperationException(
            $"the node peer exited: {await _process.StandardError.ReadToEndAsync()}"));
    }

    /// <summary>The next event of the given kind (earlier events of other kinds are kept in <see cref="Seen"/>).</summary>
    public async Task<JsonElement> NextAsync(string kind)
    {
        while (true)
        {
            var e = await _events.Reader.ReadAsync().AsTask().WaitAsync(Support.Wait.Guard);
            lock (_seen)
            {
                _seen.Add(e);
            }
            if (e.GetProperty("event").GetString() == kind)
            {
                return e;
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> events of a kind have been seen in total, and returns them all.</summary>
    public async Task<List<JsonElement>> AllAsync(string kind, int count)
    {
        while (Seen(kind).Count < count)
        {
            await NextAsync(kind);
        }
        return Seen(kind);
    }

    public List<JsonElement> Seen(string kind)
    {
        lock (_seen)
        {
            return _seen.Where(e => e.GetProperty("event").GetString() == kind).ToList();
        }
    }

    /// <summary>Takes every event that has arrived so far into <see cref="Seen"/>.</summary>
    public void Drain()
    {
        while (_events.Reader.TryRead(out var e))
        {
            lock (_seen)
            {
                _seen.Add(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _reader.ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
    }
}
