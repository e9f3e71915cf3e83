using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Support;

/// <summary>Collects log lines with their time so that a failing session test shows what the link did.</summary>
internal sealed class TestLogger<T>(ITestOutputHelper output) : ILogger<T>, IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{_clock.Elapsed.TotalMilliseconds,8:0.0} ms {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");

    public void Dispose()
    {
        foreach (var line in _lines)
        {
            output.WriteLine(line);
        }
    }
}
