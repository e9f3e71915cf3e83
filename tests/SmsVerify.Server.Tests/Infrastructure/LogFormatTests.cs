using System.Text.Json;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Infrastructure;

/// <summary>The server's own console output, as an operator reads it or a log collector takes it.</summary>
public sealed class LogFormatTests : IAsyncLifetime
{
    private const string Listening = "Now listening on";
    private readonly TestDatabase _store = new();

    public Task InitializeAsync() => _store.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task ConsoleLines_StartWithTheirUtcTime()
    {
        using var server = await StartAsync([]);

        var line = server.Output.Split('\n').First(l => l.Contains(Listening, StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: Microsoft\.Hosting\.Lifetime\[\d+\] Now listening on", line);
    }

    [Fact]
    public async Task JsonFormatter_WritesOneObjectPerLine_WithItsTime()
    {
        using var server = await StartAsync(new()
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ",
        });

        var line = server.Output.Split('\n').First(l => l.Contains(Listening, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Information", json.RootElement.Str("LogLevel"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", json.RootElement.Str("Timestamp"));
    }

    [Fact]
    public async Task JsonFormatter_CarriesTheRequestsTraceId()
    {
        using var server = await StartAsync(new()
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });

        await (await server.Operator().GetAsync("/v1/tenants?name=trace")).OkAsync();

        string? line = null;
        await Wait.Until(() => (line = server.Output.Split('\n').FirstOrDefault(l => l.Contains("/v1/tenants?name=trace", StringComparison.Ordinal))) is not null,
            "the request's log line");
        using var json = JsonDocument.Parse(line!);
        var scope = json.RootElement.GetProperty("Scopes").EnumerateArray().First(s => s.TryGetProperty("TraceId", out _));
        Assert.Matches("^[0-9a-f]{32}$", scope.Str("TraceId"));
    }

    [Fact]
    public async Task AFirstStartOnAFreshDatabase_WarnsOfNothing()
    {
        using var server = await StartAsync([]);

        var warnings = server.Output.Split('\n').Where(l => l.Contains(" warn: ", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal));
        Assert.True(!warnings.Any(), string.Join('\n', warnings));
    }

    private async Task<ServerProcess> StartAsync(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(_store.Settings)
        {
            ["Documents:Directory"] = Path.Combine(_store.Directory, "documents"),
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        var server = ServerProcess.Start(all);
        await server.WaitHealthyAsync();
        await Wait.Until(() => server.Output.Contains(Listening, StringComparison.Ordinal), "the listening line");
        return server;
    }
}
