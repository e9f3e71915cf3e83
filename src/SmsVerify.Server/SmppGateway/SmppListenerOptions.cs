namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// The SMPP listener tenants' gateways bind to (options section <c>SmppListener</c>). On by default on port 2775,
/// the port SMPP is registered on; a second port speaks SMPP over TLS when a certificate is configured.
/// </summary>
public sealed class SmppListenerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The address to listen on: loopback by default, as the HTTP API's <c>Urls</c>, so nothing is reachable from
    /// outside until the operator says so; <c>0.0.0.0</c> for every IPv4 address, <c>::</c> for IPv6 too.
    /// </summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Plain SMPP; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 2775;

    /// <summary>SMPP over TLS, when <see cref="CertificatePath"/> names a PKCS#12 (.pfx) or PEM certificate with its key.</summary>
    public int TlsPort { get; set; } = 3550;
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    /// <summary>A connection that has not bound this long is closed; more than this many at once are refused as they come.</summary>
    public TimeSpan BindTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>The system_id bind_resp answers with.</summary>
    public string SystemId { get; set; } = "SmsVerify";

    /// <summary>How long the first parts of a long message wait for the rest, and how many long messages a bind may have in parts.</summary>
    public TimeSpan PartHoldTime { get; set; } = TimeSpan.FromMinutes(2);
    public int MaxLongMessagesInParts { get; set; } = 64;

    /// <summary>How often receipts and replies owed to bound gateways are looked for, and how long a node holds one it sent.</summary>
    public TimeSpan DeliveryPoll { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Failed binds from one address: past <see cref="FailedBindsBeforeSlowing"/> each answer waits a second more
    /// (up to five); past <see cref="FailedBindsBeforeRefusing"/> every bind from it is refused unchecked for
    /// <see cref="FailedBindLockout"/>. Counted over that same time.
    /// </summary>
    public int FailedBindsBeforeSlowing { get; set; } = 3;
    public int FailedBindsBeforeRefusing { get; set; } = 10;
    public TimeSpan FailedBindLockout { get; set; } = TimeSpan.FromMinutes(15);
}
