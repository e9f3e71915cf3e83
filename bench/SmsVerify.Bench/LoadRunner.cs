using System.Collections.Concurrent;
using System.Diagnostics;

namespace SmsVerify.Bench;

internal sealed record PhaseResult(string Name, int Requests, int Errors, TimeSpan Elapsed, long[] LatencyTicks, IReadOnlyList<string> ErrorSamples)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile in milliseconds (<paramref name="p"/> in 0..1).</summary>
    public double PercentileMs(double p)
    {
        int rank = Math.Clamp((int)Math.Ceiling(p * LatencyTicks.Length) - 1, 0, LatencyTicks.Length - 1);
        return LatencyTicks[rank] * 1000.0 / Stopwatch.Frequency;
    }
}

internal static class LoadRunner
{
    private const int MaxErrorSamples = 20;

    /// <summary>
    /// Sends exactly <paramref name="count"/> requests from <paramref name="workers"/> concurrent loops
    /// (closed loop: each worker waits for its answer before the next request). <paramref name="send"/>
    /// gets the request index and returns null on success or a description of the failure.
    /// </summary>
    public static async Task<PhaseResult> RunAsync(string name, int count, int workers, Func<int, Task<string?>> send)
    {
        var latencies = new long[count];
        var samples = new ConcurrentQueue<string>();
        int errors = 0;
        int next = -1;

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                long start = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await send(i);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = $"{ex.GetType().Name}: {ex.Message}";
                }

                latencies[i] = Stopwatch.GetTimestamp() - start;
                if (error is not null && Interlocked.Increment(ref errors) <= MaxErrorSamples)
                {
                    samples.Enqueue($"#{i}: {error}");
                }
            }
        }

        long started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker)));
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);

        Array.Sort(latencies);
        return new PhaseResult(name, count, errors, elapsed, latencies, [.. samples]);
    }
}
