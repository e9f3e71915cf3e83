using System.Net;
using System.Security.Cryptography.X509Certificates;
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

    /// <summary>
    /// When set, every connection speaks TLS 1.2 or 1.3 with this certificate (which must carry its private key)
    /// before any PDU; a peer that does not is closed. Null serves plain TCP.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>A TLS handshake not finished this long is abandoned, so a silent peer cannot hold a socket.</summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A connection that has not bound this long after it opened is closed, so peers that never bind cannot hold
    /// sockets for ever. Null (the default, for tests) waits indefinitely.
    /// </summary>
    public TimeSpan? BindTimeout { get; set; }

    /// <summary>Connections open at once, bound or not; one more is closed as it is accepted.</summary>
    public int MaxConnections { get; set; } = int.MaxValue;
}
