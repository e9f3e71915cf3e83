using System.Globalization;

namespace SmsVerify.Server.Limits;

/// <summary>At most <see cref="Max"/> hits in any sliding window of <see cref="Length"/>.</summary>
public readonly record struct RateWindow(int Max, TimeSpan Length)
{
    /// <summary>The longest window a setting may name: 31 days.</summary>
    public const int MaxSeconds = 31 * 86400;

    /// <summary>
    /// Windows from a setting of window length in seconds → most hits, keyed by seconds so that one window can be
    /// changed alone in configuration; 0 turns a window off. Shortest first, so a refusal names the tightest full one.
    /// </summary>
    public static RateWindow[] FromSeconds(IReadOnlyDictionary<string, int> limits) => limits
        .Where(l => l.Value > 0)
        .Select(l => new RateWindow(l.Value, TimeSpan.FromSeconds(int.Parse(l.Key, CultureInfo.InvariantCulture))))
        .OrderBy(w => w.Length)
        .ToArray();

    public static bool AreValid(IReadOnlyDictionary<string, int> limits) =>
        limits.All(l => int.TryParse(l.Key, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= MaxSeconds && l.Value >= 0);
}

/// <summary>
/// The outcome of one check-and-increment. When refused, <see cref="Window"/> is the full window that frees up
/// last and <see cref="RetryAfter"/> how long until it has room again; nothing was counted.
/// </summary>
public readonly record struct LimitDecision(bool Allowed, RateWindow Window, TimeSpan RetryAfter)
{
    public static readonly LimitDecision Allow = new(true, default, TimeSpan.Zero);

    public static LimitDecision Refuse(RateWindow window, TimeSpan retryAfter) => new(false, window, retryAfter);
}
