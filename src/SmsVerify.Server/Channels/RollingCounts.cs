namespace SmsVerify.Server.Channels;

/// <summary>
/// Outcomes (and how many were errors) over a sliding window, kept in ten buckets of a tenth of the window each,
/// so memory stays fixed at any rate and the window slides in steps of a tenth.
/// </summary>
internal sealed class RollingCounts(TimeSpan window, TimeProvider clock)
{
    private const int BucketCount = 10;
    private readonly long _bucketTicks = Math.Max(1, window.Ticks / BucketCount);
    private readonly long[] _slots = new long[BucketCount];
    private readonly int[] _totals = new int[BucketCount];
    private readonly int[] _errors = new int[BucketCount];
    private readonly Lock _lock = new();

    public TimeSpan Window => TimeSpan.FromTicks(_bucketTicks * BucketCount);

    public void Add(bool error)
    {
        var slot = clock.GetUtcNow().UtcTicks / _bucketTicks;
        var i = (int)(slot % BucketCount);
        lock (_lock)
        {
            if (_slots[i] != slot)
            {
                _slots[i] = slot;
                _totals[i] = 0;
                _errors[i] = 0;
            }
            _totals[i]++;
            if (error)
            {
                _errors[i]++;
            }
        }
    }

    public (int Total, int Errors) Sum()
    {
        var oldest = (clock.GetUtcNow().UtcTicks / _bucketTicks) - BucketCount + 1;
        int total = 0, errors = 0;
        lock (_lock)
        {
            for (var i = 0; i < BucketCount; i++)
            {
                if (_slots[i] >= oldest)
                {
                    total += _totals[i];
                    errors += _errors[i];
                }
            }
        }
        return (total, errors);
    }

    public void Clear()
    {
        lock (_lock)
        {
            Array.Clear(_totals);
            Array.Clear(_errors);
        }
    }
}
