namespace SmsVerify.Bench.Versus;

/// <summary>
/// What one run started (child processes, a database, temp folders), stopped in reverse order at its end, or from a
/// signal handler on Ctrl+C while the run is still going: so neither path leaves a box or an SMSC behind.
/// </summary>
internal sealed class RunResources : IDisposable
{
    private readonly Stack<Action> _stops = new();

    public T Add<T>(T resource)
        where T : IDisposable
    {
        Defer(resource.Dispose);
        return resource;
    }

    public void Defer(Action stop)
    {
        lock (_stops)
        {
            _stops.Push(stop);
        }
    }

    public void Dispose()
    {
        while (true)
        {
            Action stop;
            lock (_stops)
            {
                if (!_stops.TryPop(out stop!))
                {
                    return;
                }
            }
            try
            {
                stop();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or BenchException)
            {
                Console.Error.WriteLine($"warning: cleanup step failed: {ex.Message}");
            }
        }
    }
}
