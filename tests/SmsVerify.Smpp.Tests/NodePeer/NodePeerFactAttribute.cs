namespace SmsVerify.Smpp.Tests.NodePeer;

/// <summary>
/// A test against the npm `smpp` peer. Skipped, with the reason, when `node` is not on PATH or the peer's
/// packages are not installed (`npm ci --prefix tests/SmsVerify.Smpp.Tests/peer`; CI does this).
/// </summary>
public sealed class NodePeerFactAttribute : FactAttribute
{
    public NodePeerFactAttribute()
    {
        if (NodeSmsc.FindNode() is null)
        {
            Skip = "node is not on PATH: the npm smpp peer cannot run";
        }
        else if (NodeSmsc.FindPeerDirectory() is not { } peer || !Directory.Exists(Path.Combine(peer, "node_modules", "smpp")))
        {
            Skip = "the npm smpp peer is not installed: run npm ci --prefix tests/SmsVerify.Smpp.Tests/peer";
        }
    }
}
