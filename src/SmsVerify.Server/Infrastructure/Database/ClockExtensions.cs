namespace SmsVerify.Server.Infrastructure.Database;

public static class ClockExtensions
{
    /// <summary>
    /// Now in UTC, cut to whole microseconds: PostgreSQL keeps no finer, and a time must read back exactly as the
    /// API first answered it.
    /// </summary>
    public static DateTime UtcNowForStorage(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
