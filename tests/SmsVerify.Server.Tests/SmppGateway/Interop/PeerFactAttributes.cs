using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Tests.NodePeer;

namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>A test against esme.pl; skipped, with the reason, when perl, Net::SMPP or the script is missing.</summary>
public sealed class EsmePlFactAttribute : FactAttribute
{
    public EsmePlFactAttribute()
    {
        if (InteropPeers.Find("perl") is null)
        {
            Skip = "perl is not on PATH: esme.pl cannot run";
        }
        else if (!PeerProcess.Succeeds("perl", "-MNet::SMPP", "-e1"))
        {
            Skip = "Net::SMPP is not installed: apt-get install libnet-smpp-perl";
        }
        else if (InteropPeers.EsmePl() is null)
        {
            Skip = "esme.pl not found: set SMSVERIFY_PEERS to the shared peers folder (default ../shared/peers beside the checkout)";
        }
    }
}

/// <summary>A test against Kannel; skipped, with the reason, when its boxes are not installed.</summary>
public sealed class KannelFactAttribute : FactAttribute
{
    public KannelFactAttribute()
    {
        if (InteropPeers.Find("bearerbox") is null || InteropPeers.Find("smsbox") is null)
        {
            Skip = "Kannel is not installed (bearerbox, smsbox): apt-get install kannel";
        }
    }
}

/// <summary>A test running Interop/smpp-client.js on the npm smpp peer; skipped as the npm peer's tests are.</summary>
public sealed class NodeClientFactAttribute : FactAttribute
{
    public NodeClientFactAttribute()
    {
        if (NodeScripts.FindNode() is null)
        {
            Skip = "node is not on PATH: the npm smpp client cannot run";
        }
        else if (NodeSmsc.FindPeerDirectory() is not { } peer || !Directory.Exists(Path.Combine(peer, "node_modules", "smpp")))
        {
            Skip = "the npm smpp peer is not installed: run npm ci --prefix tests/SmsVerify.Smpp.Tests/peer";
        }
    }
}
