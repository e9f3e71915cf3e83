namespace SmsVerify.Server.Channels;

/// <summary>
/// Says that a channel has just come up (a bind made, or made again after a drop), so that messages held back for
/// want of a channel move at once instead of when their retry comes due. Channels raise it; delivery listens, and
/// compares <see cref="Count"/> with the count it last acted on.
/// </summary>
public sealed class ChannelComeback
{
    private int _count;

    /// <summary>Raised on the thread that saw the bind; listeners only wake something.</summary>
    public event Action? Raised;

    /// <summary>How often a channel has come up since start.</summary>
    public int Count => Volatile.Read(ref _count);

    internal void Raise()
    {
        Interlocked.Increment(ref _count);
        Raised?.Invoke();
    }
}
