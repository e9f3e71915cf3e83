using System.Diagnostics;

namespace SmsVerify.Bench.Versus;

/// <summary>One run of one variant: its API calls, when its last message settled, and what the sink heard.</summary>
/// <param name="SenderCpu">CPU the sender (SmsVerify's server, or Kannel's two boxes) used from the first request until the run settled.</param>
/// <param name="SmscCpu">CPU the SMSC used over the same time.</param>
internal sealed record VersusResult(
    int Round, Variant Variant, string Store, PhaseResult? Api, TimeSpan? SettledAfter, string Callbacks, string? Failure, TimeSpan SenderCpu = default,
    TimeSpan SmscCpu = default, TimeSpan StoreCpu = default)
{
    public bool Ok => Failure is null;

    /// <summary>Messages over the time from the first request until the last one was answered.</summary>
    public double AcceptedPerSecond => Api is null ? 0 : Api.RequestsPerSecond;

    /// <summary>Messages over the time from the first request until the last message's delivered report arrived.</summary>
    public double SettledPerSecond => Api is null || SettledAfter is not { } settled ? 0 : Api.Requests / settled.TotalSeconds;

    /// <summary>The sender's CPU per message in microseconds: what a message costs it, whatever else the machine does.</summary>
    public double SenderCpuPerMessage => Api is null ? 0 : SenderCpu.TotalMicroseconds / Api.Requests;

    public double SmscCpuPerMessage => Api is null ? 0 : SmscCpu.TotalMicroseconds / Api.Requests;

    /// <summary>PostgreSQL's and Redis's CPU per message, where the sender keeps its messages there; 0 otherwise.</summary>
    public double StoreCpuPerMessage => Api is null ? 0 : StoreCpu.TotalMicroseconds / Api.Requests;

    public static VersusResult Failed(int round, Variant variant, string store, string failure) => new(round, variant, store, null, null, "", failure);

    /// <summary>
    /// Sends the run's requests (closed loop, one per message) and waits until the sink has every message's delivered
    /// report, at most <paramref name="settleTimeout"/> after the last answer. Failed requests, failure reports, or
    /// messages still unsettled then fail the run.
    /// </summary>
    public static async Task<VersusResult> MeasureAsync(
        int round, Variant variant, string storeLabel, int connections, TimeSpan settleTimeout, SinkRun sink, Func<int, Task<string?>> send,
        Func<TimeSpan> senderCpu, Func<TimeSpan> smscCpu, bool serverStore = false)
    {
        var (sender0, smsc0) = (senderCpu(), smscCpu());
        var store = serverStore ? new StoreCpu() : null;
        long started = Stopwatch.GetTimestamp();
        var api = await LoadRunner.RunAsync(variant.ToString(), sink.Expected, connections, send);
        string? failure = null;
        if (api.Errors > 0)
        {
            failure = $"{api.Errors} of {api.Requests} requests failed, e.g. {api.ErrorSamples.FirstOrDefault()}";
        }
        else if (await Task.WhenAny(sink.AllSettled, Task.Delay(settleTimeout)) != sink.AllSettled)
        {
            failure = $"only {sink.Settled} of {sink.Expected} messages settled within {settleTimeout.TotalSeconds:F0} s of the last answer";
        }
        else if (sink.Failures > 0)
        {
            failure = $"{sink.Failures} failure reports";
        }
        TimeSpan? settledAfter = sink.AllSettled.IsCompleted ? Stopwatch.GetElapsedTime(started, sink.SettledAt) : null;
        var (sender, smsc) = (senderCpu() - sender0, smscCpu() - smsc0);
        string callbacks = $"reports: {sink.Settled} delivered, {sink.Acks} accepted by the SMSC, {sink.Failures} failed, {sink.OtherEvents} other";
        return new VersusResult(round, variant, storeLabel, api, settledAfter, callbacks, failure, sender, smsc, store?.Used() ?? default);
    }
}
