namespace SmsVerify.Server.Messages.Stats;

/// <summary>The last hour by minute, or the last day by hour: the two views of traffic, never more than a day.</summary>
public enum TrafficRange { Hour, Day }

/// <summary>
/// The slots of a <see cref="TrafficRange"/> ending now: 60 minutes or 24 hours, the last one the current. Within such
/// a window a minute-of-hour (or hour-of-day) names one slot only, so the store groups by that small number, which both
/// SQLite and PostgreSQL compute, rather than by a truncated time, which they write differently.
/// </summary>
public sealed record TrafficWindow(TrafficRange Range, DateTime From, TimeSpan Step, int Slots)
{
    public static TrafficWindow Ending(TrafficRange range, DateTime now)
    {
        var step = range == TrafficRange.Hour ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);
        var slots = range == TrafficRange.Hour ? 60 : 24;
        var current = new DateTime(now.Ticks - now.Ticks % step.Ticks, DateTimeKind.Utc);
        return new TrafficWindow(range, current - (slots - 1) * step, step, slots);
    }

    /// <summary>The start of each slot, oldest first.</summary>
    public IReadOnlyList<DateTime> Starts => [.. Enumerable.Range(0, Slots).Select(i => From + i * Step)];

    /// <summary>The slot of a minute-of-hour (hour range) or hour-of-day (day range).</summary>
    public int SlotOf(int minuteOrHour) =>
        (minuteOrHour - (Range == TrafficRange.Hour ? From.Minute : From.Hour) + Slots) % Slots;

    /// <summary>The x labels: hh:mm for both, in UTC as every time the console shows.</summary>
    public IReadOnlyList<string> Labels => [.. Starts.Select(s => s.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))];
}
