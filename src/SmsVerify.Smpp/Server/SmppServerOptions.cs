using System.Net;
using SmsVerify.Smpp.Codec;

namespace SmsVerify.Smpp.Server;

/// <summary>Settings of the SMSC-side listener.</summary>
public sealed class SmppServerOptions
{
    /// <summary>Where to listen; port 0 picks a free one (read it back from <see cref="SmppServer.EndPoint"/>).</summary>
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>The system_id answered in bind_resp.</summary>
    public string SystemId { get; set; } = "SmsVerify";

    public int MaxPduLength { get; set; } = PduFramer.DefaultMaxPduLength;
}
