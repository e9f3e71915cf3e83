namespace SmsVerify.Server.Templates.Rules;

/// <summary>
/// When marketing messages may go out: 08:00–20:00 China time (Alibaba sends none 20:00–08:00; Qiniu the same).
/// China Standard Time is UTC+8 all year, with no daylight saving, so a fixed offset is exact and needs no time
/// zone database (the server runs with invariant globalization).
/// </summary>
public static class MarketingWindow
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    public static readonly TimeOnly Opens = new(8, 0);
    public static readonly TimeOnly Closes = new(20, 0);

    public static bool IsOpen(DateTimeOffset now)
    {
        var local = TimeOnly.FromTimeSpan(now.ToOffset(ChinaOffset).TimeOfDay);
        return local >= Opens && local < Closes;
    }

    /// <summary>How long until the window next opens (zero while it is open).</summary>
    public static TimeSpan UntilOpen(DateTimeOffset now)
    {
        if (IsOpen(now))
        {
            return TimeSpan.Zero;
        }
        var local = now.ToOffset(ChinaOffset);
        var opens = new DateTimeOffset(local.Date, ChinaOffset).Add(Opens.ToTimeSpan());
        return (opens > local ? opens : opens.AddDays(1)) - local;
    }
}
