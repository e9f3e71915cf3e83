namespace SmsVerify.Server.Limits;

/// <summary>What one key of a multi-key acquire does with its windows.</summary>
public enum LimitUse
{
    /// <summary>Refuses when a window is full; counted when every key passes.</summary>
    Count,

    /// <summary>Refuses when a window is full; never counted (a lock that other hits fill).</summary>
    Check,

    /// <summary>
    /// Never refuses on its own and is counted like <see cref="Count"/>; raised when this hit is the window's
    /// <see cref="RateWindow.Max"/>-th or later. With <c>refuseWhenRaised</c> a raised signal refuses instead.
    /// </summary>
    Signal,
}

/// <summary>One key of a multi-key acquire and the windows it is held to.</summary>
public readonly record struct LimitRequest(string Key, ReadOnlyMemory<RateWindow> Windows, LimitUse Use = LimitUse.Count);

/// <summary>
/// The outcome of a multi-key acquire. When refused, nothing was counted: <see cref="RefusedIndex"/> is the first
/// refusing request (in the caller's order), <see cref="Window"/> its full window that frees up last and
/// <see cref="RetryAfter"/> how long until it has room (zero for a raised signal). <see cref="RaisedMask"/> has bit
/// <c>i</c> set when request <c>i</c> is a raised signal, refused or not.
/// </summary>
public readonly record struct MultiLimitDecision(int RefusedIndex, RateWindow Window, TimeSpan RetryAfter, long RaisedMask)
{
    /// <summary>At most this many keys in one acquire, so that the raised signals fit one mask.</summary>
    public const int MaxRequests = 32;

    public bool Allowed => RefusedIndex < 0;

    public bool IsRaised(int index) => (RaisedMask & (1L << index)) != 0;

    public static MultiLimitDecision Allow(long raisedMask) => new(-1, default, TimeSpan.Zero, raisedMask);
}
