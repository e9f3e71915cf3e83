using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>
/// Everything the server logs, at every level, while codes are sent, checked and delivered: what a log collector
/// would keep. It must hold no full phone number and no code.
/// </summary>
public sealed class LogRedactionTests : IAsyncLifetime
{
    private const string TestNumber = "+8613812345678";
    private const string RealNumber = "+8613912345678";
    private const string Code = "482916";

    private readonly CapturedLogs _logs = new();
    private readonly SmsVerifyApp _app;

    public LogRedactionTests() => _app = new SmsVerifyApp
    {
        Settings = { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace" },
        TestServices = services =>
        {
            services.AddSingleton<IChannelRoutes>(new FakeRoutes(new FakeChannel("primary", 10, _ => new SubmitOutcome.Accepted(["c-1"]))));
            services.AddSingleton<ILoggerProvider>(_logs);
        },
    };

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SendsChecksAndDeliveries_LogNoNumberAndNoCode()
    {
        var tenant = await _app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(TestNumber, fixedCode: Code);
        var id = (await tenant.StartOkAsync(TestNumber)).Str("id");
        await (await tenant.CheckAsync(id, "000000")).OkAsync(); // a wrong code: still pending
        await (await tenant.CheckAsync(id, Code)).OkAsync();
        var sender = await _app.CreateLiveSenderAsync();
        await _app.TopUpAsync(sender.Tenant.Id, 1m);
        await (await sender.StartAsync(RealNumber)).OkAsync(HttpStatusCode.Created);

        var lines = _logs.Lines();
        Assert.Contains(lines, l => l.Contains("/v1/verifications/check", StringComparison.Ordinal)); // the capture saw the requests
        Assert.DoesNotContain(lines, l => l.Contains("13812345678", StringComparison.Ordinal) || l.Contains("13912345678", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Code, StringComparison.Ordinal));
    }

    /// <summary>Every entry as a collector gets it: the message, each structured value, the scopes and any exception.</summary>
    private sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public List<string> Lines() => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new System.Text.StringBuilder($"{category}: {formatter(state, exception)} {exception}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        line.Append($" {key}={value}");
                    }
                }
                owner._scopes.ForEachScope((scope, text) => text.Append($" => {scope}"), line);
                owner._lines.Enqueue(line.ToString());
            }
        }
    }
}
