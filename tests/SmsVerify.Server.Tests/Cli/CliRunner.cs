using System.Text.Json;
using SmsVerify.Cli;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Cli;

/// <summary>What one run of the command printed, and its exit code.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;
}

/// <summary>
/// Runs <c>smsverify</c> in-process, through its real entry point (<see cref="SmsVerify.Cli.Cli.RunAsync"/>: parsing,
/// profiles, the typed client, the exit-code mapping), against the in-process server. In-process rather than the built
/// tool in a child process: the server's fake clock and SQLite store stay the test's own, and each run costs no
/// process start on the 2-core machine. The HttpClient goes through the contract check, so every answer the CLI reads
/// is one the OpenAPI document lists. Each runner has its own config file, as SMSVERIFY_CONFIG names it.
/// </summary>
public sealed class CliRunner(SmsVerifyApp app) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smsverify-cli-").FullName;

    public string ConfigPath => Path.Combine(_directory, "config.json");

    public string Server => app.Server.BaseAddress.ToString();

    public Dictionary<string, string?> Environment { get; } = [];

    public string File(string name) => Path.Combine(_directory, name);

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SmsVerify.Cli.Cli.RunAsync(args, Host(output, error), cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>A host writing to <paramref name="output"/>; <c>sandbox inbox --follow</c> polls every 50 ms here.</summary>
    public CliHost Host(TextWriter output, TextWriter error) =>
        new(output, error, Variable, () => app.CreateDefaultClient(new ContractCheck.Handler()), Terminal: false) { PollInterval = TimeSpan.FromMilliseconds(50) };

    /// <summary>Runs with the operator's key given on the line, the way a one-off call would.</summary>
    public Task<CliResult> AsOperatorAsync(params string[] args) => RunAsync([.. args, "--server", Server, "--key", SmsVerifyApp.OperatorKey]);

    public Task<CliResult> WithKeyAsync(string key, params string[] args) => RunAsync([.. args, "--server", Server, "--key", key]);

    private string? Variable(string name) => name == "SMSVERIFY_CONFIG" ? ConfigPath : Environment.GetValueOrDefault(name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
