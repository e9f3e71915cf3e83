namespace SmsVerify.Server.Channels;

/// <summary>
/// Which of a channel's binds this node may make. A carrier allows an account so many binds in all, so when several
/// nodes share a database the channel's <see cref="ChannelOptions.Binds"/> (and receiver binds) are slots that the
/// nodes lease: a node binds only on a slot it holds, a node taken for dead loses its slots to the others, and a
/// node holding several gives one up to a node that holds none and waits.
/// </summary>
/// <remarks>Senders and receivers have slots of their own: <paramref name="first"/> and <paramref name="count"/> name the range.</remarks>
public interface IBindLeases
{
    /// <summary>Takes a slot of the range for this node: its number, or null while live nodes hold them all (it then waits for one).</summary>
    Task<int?> TakeAsync(string channel, int first, int count, CancellationToken cancellationToken);

    /// <summary>Whether this node may keep binding on the slot it holds.</summary>
    Task<BindSlot> CheckAsync(string channel, int first, int count, int slot, CancellationToken cancellationToken);

    /// <summary>Gives the slot back, on a stop or to a waiting node, so that another node may bind at once.</summary>
    Task ReleaseAsync(string channel, int slot, CancellationToken cancellationToken);
}

public enum BindSlot
{
    /// <summary>Another node took it, from a node it took for dead: unbind.</summary>
    Lost,

    /// <summary>Still this node's.</summary>
    Held,

    /// <summary>This node holds several and another holds none and waits: give this one up.</summary>
    Yield,
}
