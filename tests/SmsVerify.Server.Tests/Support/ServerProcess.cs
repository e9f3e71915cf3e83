using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SmsVerify.Server.Tests.Support;

/// <summary>
/// The server as an operating-system process of its own, for tests that kill it: <c>dotnet SmsVerify.Server.dll</c>
/// from this test assembly's folder, where the project reference puts the server built with the tests (its
/// runtimeconfig, deps and appsettings beside it), configured by environment variables as an operator would.
/// </summary>
public sealed class ServerProcess : ITestServer, IDisposable
{
    // Settings the test runner's environment might carry into the server and quietly change what a test sees.
    private static readonly string[] Scrubbed =
    [
        "ConnectionStrings__", "Delivery__", "Channels__", "Limits__", "Sandbox__", "Operator__", "Logging__", "Kestrel__", "Urls",
        "ASPNETCORE_", "DOTNET_URLS", "DOTNET_ENVIRONMENT", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS",
    ];

    private readonly Process _process;
    private readonly HttpClientHandler _handler = new();
    private readonly Queue<string> _output = new();
    private int _disposed;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the server on a free loopback port with these settings (configuration keys, <c>:</c> or <c>__</c>).</summary>
    public static ServerProcess Start(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, "SmsVerify.Server.dll"));
        foreach (var key in start.Environment.Keys.Where(k => Scrubbed.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }
        var ports = FreePorts.Take(2);
        var address = new Uri($"http://127.0.0.1:{ports[0]}");
        start.Environment["Urls"] = address.ToString();
        start.Environment["Operator__ApiKey"] = SmsVerifyApp.OperatorKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Tests run servers side by side: each takes a free SMPP port rather than 2775. Not port 0: the listener binds
        // before Kestrel does, and the kernel once gave it the HTTP port just picked here.
        start.Environment["SmppListener__Address"] = "127.0.0.1";
        start.Environment["SmppListener__Port"] = ports[1].ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var server = new ServerProcess(new Process { StartInfo = start }, address);
        server._process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits for <c>/healthz</c>; a hang guard of a minute, for a server that starts on two busy cores.</summary>
    public async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        using var http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = Address };
        while (true)
        {
            Assert.False(_process.HasExited, $"The server exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, $"The server did not answer /healthz within a minute:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Unix): no shutdown, no flush, no last write.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd or Kubernetes stops a service: the server is to drain and exit by itself.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code, once the process has exited; a hang guard of a minute.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    public HttpClient Operator() => WithKey(SmsVerifyApp.OperatorKey);

    public HttpClient WithKey(string key)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>The last lines the server wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
        _handler.Dispose();
    }

    private void Remember(string? line)
    {
        lock (_output)
        {
            _output.Enqueue(line ?? "");
            while (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }
}
