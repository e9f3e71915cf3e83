namespace SmsVerify.Server.Telemetry;

/// <summary>
/// A value an observable gauge reads from the store: read again at most once per <paramref name="interval"/>,
/// however often and by however many exporters it is observed, so a scrape never puts a query on the database each
/// time. Gauges are observed synchronously, so the read blocks the observer, bounded by <see cref="ReadTimeout"/>;
/// a read that fails keeps the last value rather than failing the whole scrape.
/// </summary>
public sealed class CachedReading<T>(Func<CancellationToken, Task<T>> read, TimeProvider clock, TimeSpan interval)
{
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private T? _value;
    private long? _readAt;

    /// <summary>The value read within the interval; default until a first read succeeds.</summary>
    public T? Value
    {
        get
        {
            lock (_lock)
            {
                if (_readAt is { } readAt && clock.GetElapsedTime(readAt) < interval)
                {
                    return _value;
                }
                _readAt = clock.GetTimestamp();
                using var timeout = new CancellationTokenSource(ReadTimeout);
                try
                {
                    _value = read(timeout.Token).GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The gauge shows the last value until the store answers again; readiness reports the store.
                }
                return _value;
            }
        }
    }
}
