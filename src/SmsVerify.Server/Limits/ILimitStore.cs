namespace SmsVerify.Server.Limits;

/// <summary>
/// Counters shared by every node: the in-memory store for one process (the embedded default) and the Redis store
/// for several. Both keep exact sliding windows and take the time from the caller, so tests can move the clock.
/// </summary>
public interface ILimitStore
{
    /// <summary>
    /// Counts one hit under <paramref name="key"/> if every window has room, atomically: concurrent callers
    /// on any node never get more hits through than the windows allow.
    /// </summary>
    ValueTask<LimitDecision> TryAcquireAsync(string key, ReadOnlyMemory<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Decides every request at once and counts them all only if none refuses, atomically: one round trip and one
    /// script on Redis, every key's lock on the in-memory store. <paramref name="refuseWhenRaised"/> turns a raised
    /// <see cref="LimitUse.Signal"/> into a refusal (a captcha is needed and none came), so such a request counts nothing.
    /// </summary>
    ValueTask<MultiLimitDecision> TryAcquireAllAsync(ReadOnlyMemory<LimitRequest> requests, bool refuseWhenRaised, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="lifetime"/>, atomically: true for the first caller on any
    /// node, false for every caller while the claim lasts. Single-use tokens (solved captchas) are spent this way.
    /// </summary>
    ValueTask<bool> TryClaimAsync(string key, TimeSpan lifetime, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// How many hits <paramref name="key"/> holds in each of <paramref name="windows"/> now, counting nothing: what the
    /// console shows of how full a limit is. A store that cannot tell (a missing key) answers zeros.
    /// </summary>
    ValueTask<int[]> CountAsync(string key, ReadOnlyMemory<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>For readiness: whether the store answers.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
