namespace SmsVerify.Cmpp.Codec;

/// <summary>
/// The clock CMPP's time fields are read on: an ISMG checks CMPP_CONNECT's Timestamp, and writes Msg_Ids and report
/// times, in Beijing time (UTC+8, no daylight saving), whatever zone the SP's server runs in.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Now in Beijing time, as a wall-clock <see cref="DateTime"/> (kind unspecified).</summary>
    public static DateTime Now(TimeProvider clock) => DateTime.SpecifyKind(clock.GetUtcNow().UtcDateTime + Offset, DateTimeKind.Unspecified);
}
