namespace SmsVerify.Server.Channels;

/// <summary>
/// Says that a channel has just come up (a bind made, or made again after a drop), so that messages held back for
/// want of a channel move at once instead of when their retry comes due. Channels raise it; delivery listens.
/// </summary>
public sealed class ChannelComeback
{
    private int _pending;
    private int _count;

    /// <summary>Raised on the thread that saw the bind; listeners only wake something.</summary>
    public event Action? Raised;

    /// <summary>How often a channel has come up since start: one that changed while a message looked for a channel may have been missed.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>True once after each time a channel came up; the listener that acts on it takes it.</summary>
    public bool Take() => Interlocked.Exchange(ref _pending, 0) == 1;

    internal void Raise()
    {
        Interlocked.Increment(ref _count);
        Volatile.Write(ref _pending, 1);
        Raised?.Invoke();
    }
}
