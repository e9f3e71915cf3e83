namespace SmsVerify.Cli;

/// <summary>
/// Everything the command takes from its process: where it writes, its environment, how it reaches the server, and
/// whether a person watches. Tests hand in their own (captured writers, a test server's HttpClient).
/// </summary>
public sealed record CliHost(TextWriter Out, TextWriter Error, Func<string, string?> Variable, Func<HttpClient> NewHttpClient, bool Terminal)
{
    /// <summary>Whether Ctrl-C cancels the command; off in tests, which share a process.</summary>
    public bool HandlesCtrlC { get; init; }

    /// <summary>How often <c>sandbox inbox --follow</c> asks for new messages.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public static CliHost FromProcess() => new(Console.Out, Console.Error, Environment.GetEnvironmentVariable,
        () => new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, !Console.IsOutputRedirected)
    {
        HandlesCtrlC = true,
    };
}
