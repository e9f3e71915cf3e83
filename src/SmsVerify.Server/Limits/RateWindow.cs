namespace SmsVerify.Server.Limits;

/// <summary>At most <see cref="Max"/> hits in any sliding window of <see cref="Length"/>.</summary>
public readonly record struct RateWindow(int Max, TimeSpan Length);

/// <summary>
/// The outcome of one check-and-increment. When refused, <see cref="Window"/> is the full window that frees up
/// last and <see cref="RetryAfter"/> how long until it has room again; nothing was counted.
/// </summary>
public readonly record struct LimitDecision(bool Allowed, RateWindow Window, TimeSpan RetryAfter)
{
    public static readonly LimitDecision Allow = new(true, default, TimeSpan.Zero);

    public static LimitDecision Refuse(RateWindow window, TimeSpan retryAfter) => new(false, window, retryAfter);
}
