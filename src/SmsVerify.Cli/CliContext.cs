using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SmsVerify.Cli.Profiles;
using SmsVerify.Client;
using Spectre.Console;

namespace SmsVerify.Cli;

/// <summary>One run of a command: its parsed line, where it writes, and the clients for the server it resolved.</summary>
internal sealed class CliContext
{
    /// <summary>Indented, nulls kept, for a script to read: the client's generated types and the command's own.</summary>
    private static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(SmsVerifyJson.Options.TypeInfoResolver!, CliJson.Default),
    };

    /// <summary>One object a line, for a stream a script reads as it comes (<c>inbox --follow --json</c>).</summary>
    private static readonly JsonSerializerOptions JsonLine = new(JsonOut) { WriteIndented = false };

    private readonly CliHost _host;
    private readonly ParseResult _parse;
    private Connection? _connection;

    public CliContext(CliHost host, ParseResult parse, CancellationToken cancellationToken)
    {
        _host = host;
        _parse = parse;
        CancellationToken = cancellationToken;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(host.Out),
            Ansi = host.Terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = host.Terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = host.Terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!host.Terminal)
        {
            // Piped output has no width to fit: keep table rows on one line.
            Console.Profile.Width = 200;
        }
    }

    public CancellationToken CancellationToken { get; }

    public IAnsiConsole Console { get; }

    public CliHost Host => _host;

    public bool Json => _parse.GetValue(GlobalOptions.Json);

    /// <summary>A progress display only for a person at a terminal; scripts and pipes get plain lines.</summary>
    public bool ShowsProgress => _host.Terminal && !Json && Console.Profile.Capabilities.Interactive;

    public ProfileStore Profiles => ProfileStore.For(_host);

    public string ServerName => _connection?.Server.ToString() ?? "the server";

    public SmsVerifyClient Tenant => Connect().Tenant;

    public SmsVerifyOperatorClient Operator => Connect().Operator;

    public T Get<T>(Option<T> option) => _parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => _parse.GetValue(argument)!;

    public int WriteJson<T>(T value)
    {
        _host.Out.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)JsonOut.GetTypeInfo(typeof(T))));
        return ExitCodes.Ok;
    }

    public void WriteJsonLine<T>(T value) => _host.Out.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)JsonLine.GetTypeInfo(typeof(T))));

    /// <summary>Prints <paramref name="value"/> as JSON with --json, else as <paramref name="people"/> draws it.</summary>
    public int Write<T>(T value, Action<T> people)
    {
        if (Json)
        {
            return WriteJson(value);
        }
        people(value);
        return ExitCodes.Ok;
    }

    public void WriteProblem(SmsVerifyProblemException problem)
    {
        var code = problem.Code ?? ((int)problem.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var field = problem.Field is null ? "" : $" (field {problem.Field})";
        _host.Error.WriteLine($"error: {code}: {problem.Detail ?? problem.Title ?? problem.Status.ToString()}{field}");
        if (Json)
        {
            WriteJson(new ProblemRow((int)problem.Status, problem.Code, problem.Title, problem.Detail, problem.Field));
        }
    }

    private Connection Connect() => _connection ??= Connection.Resolve(_host, _parse, Profiles);
}

/// <summary>A problem as <c>--json</c> prints it on stdout, besides the line on stderr.</summary>
internal sealed record ProblemRow(int Status, string? Code, string? Title, string? Detail, string? Field);
