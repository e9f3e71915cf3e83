using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmsVerify.Bench;

/// <summary>SmsVerify.Server running as a child process on a free loopback port with a fresh SQLite file.</summary>
internal sealed class ServerProcess : IDisposable
{
    // Inherited settings that would silently change what is measured (another store, other limits,
    // another port); the bench sets everything it needs explicitly.
    private static readonly string[] ScrubbedPrefixes =
    [
        "ConnectionStrings__", "Verification__", "Sandbox__", "Operator__", "Logging__", "Kestrel__",
        "Urls", "ASPNETCORE_", "DOTNET_URLS", "DOTNET_ENVIRONMENT", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS",
    ];

    private const int TailLines = 200;

    private readonly Process process;
    private readonly Queue<string> tail = new();

    private ServerProcess(Process process, Uri baseAddress, string dataDirectory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU time the server has used so far (user and system).</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public string DataDirectory { get; }

    public static async Task<string> BuildAsync(string repoRoot)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(
            "dotnet", ["build", "-c", "Release", "src/SmsVerify.Server", "--nologo", "-v", "q"],
            repoRoot, environment: null, TimeSpan.FromMinutes(10));
        if (exitCode != 0)
        {
            throw new BenchException($"dotnet build -c Release src/SmsVerify.Server failed ({exitCode}):\n{output}");
        }

        return LocateDll(repoRoot);
    }

    public static string LocateDll(string repoRoot)
    {
        string release = Path.Combine(repoRoot, "src", "SmsVerify.Server", "bin", "Release");
        string? dll = Directory.Exists(release)
            ? Directory.GetDirectories(release)
                .Select(tfm => Path.Combine(tfm, "SmsVerify.Server.dll"))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return dll ?? throw new BenchException($"no SmsVerify.Server.dll under {release}; build it or drop --no-build");
    }

    public static ServerProcess Start(string dll, string operatorKey, string? postgres, string? redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        int port = FreePort();
        string dataDirectory = Directory.CreateTempSubdirectory("smsverify-bench-").FullName;

        var startInfo = new ProcessStartInfo("dotnet")
        {
            // Content root = output folder, so the server finds its appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(dll);

        foreach (string key in startInfo.Environment.Keys.ToList())
        {
            if (ScrubbedPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                startInfo.Environment.Remove(key);
            }
        }

        var env = startInfo.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Urls"] = $"http://127.0.0.1:{port}";
        env["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dataDirectory, "bench.db")}";
        env["Operator__ApiKey"] = operatorKey;
        // Several servers may run at once (crash and cluster runs): each takes a free SMPP port rather than 2775.
        env["SmppListener__Address"] = "127.0.0.1";
        env["SmppListener__Port"] = "0";
        // Rate limits and the sandbox cap exist to stop abuse; the bench sends far more than a real
        // client would to a single tenant, so they are raised for the run.
        env["Verification__Limits__60"] = "1000000000";
        env["Verification__Limits__3600"] = "1000000000";
        env["Verification__Limits__86400"] = "1000000000";
        env["Sandbox__MaxNumbersPerTenant"] = "1000000";
        env["Logging__LogLevel__Default"] = "Warning";
        if (postgres is not null)
        {
            env["ConnectionStrings__Postgres"] = postgres;
        }

        if (redis is not null)
        {
            env["ConnectionStrings__Redis"] = redis;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        if (!process.Start())
        {
            throw new BenchException("could not start the server process");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drain the redirected output first
                throw new BenchException($"server exited with code {process.ExitCode} before /healthz answered; output:\n{OutputTail()}");
            }

            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cts.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Console.WriteLine($"server healthy after {clock.Elapsed.TotalSeconds:F1} s");
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (OperationCanceledException)
            {
                last = "timed out";
            }

            if (clock.Elapsed > timeout)
            {
                throw new BenchException($"server not healthy after {timeout.TotalSeconds:F0} s (last: {last}); output:\n{OutputTail()}");
            }

            await Task.Delay(200);
        }
    }

    public string OutputTail()
    {
        lock (tail)
        {
            return tail.Count == 0 ? "(no output)" : string.Join('\n', tail);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
            }
        }
    }

    internal static int FreePort()
    {
        // Small race (the port could be taken before the server binds) but good enough for a bench.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class ProcessRunner
{
    /// <summary>Runs a command to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IEnumerable<string> arguments, string? workingDirectory,
        IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new BenchException($"cannot run {fileName}: {ex.Message} (is it on PATH?)");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new BenchException($"{fileName} did not finish within {timeout.TotalSeconds:F0} s");
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
