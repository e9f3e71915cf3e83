using SmsVerify.Cmpp.Codec;

namespace SmsVerify.Cmpp.Client;

/// <summary>Settings of one SP link to an ISMG. Every option has a default; host, SP_Id and secret come from the carrier.</summary>
public sealed class CmppClientOptions
{
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>7890 is the ISMG's long-connection port (CMPP §6.3).</summary>
    public int Port { get; set; } = 7890;

    public CmppVersion Version { get; set; } = CmppVersion.V30;

    /// <summary>Source_Addr of CMPP_CONNECT: the six-character SP_Id (企业代码).</summary>
    public string SourceAddr { get; set; } = "";

    public string SharedSecret { get; set; } = "";

    /// <summary>
    /// Whether a CONNECT_RESP whose AuthenticatorISMG does not match fails the login. Gateways differ (some send
    /// zeros, some hash another width of Status), so an operator can turn this off; a mismatch is then only logged.
    /// </summary>
    public bool RequireIsmgAuthenticator { get; set; } = true;

    /// <summary>Requests outstanding at once; the specification recommends a sliding window of 16 (§6.4).</summary>
    public int Window { get; set; } = 16;

    /// <summary>Submits per second agreed for this link; 0 means unlimited.</summary>
    public double MessagesPerSecond { get; set; }

    /// <summary>CMPP_ACTIVE_TEST interval on an idle link: C = 3 minutes in the specification (§6.1).</summary>
    public TimeSpan ActiveTestInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A request unanswered this long means the link is dead: T = 60 s in the specification (§6.1).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Sending pauses this long after a Result 8 (flow control), and the link's rate halves.</summary>
    public TimeSpan FlowControlPause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often one message is sent again after flow control before its last response is returned.</summary>
    public int MaxFlowControlRetries { get; set; } = 20;

    public int MaxPacketLength { get; set; } = PacketFramer.DefaultMaxPacketLength;

    /// <summary>Most CMPP_DELIVER waiting in <see cref="CmppClient.Deliveries"/>; when full, the link stops reading.</summary>
    public int MaxPendingDeliveries { get; set; } = 256;

    /// <summary>The clock the CONNECT timestamp is read from.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The wait before reconnect attempt <paramref name="attempt"/> (from 0): min·2^attempt capped at max, then 50–100 % of that.</summary>
    public TimeSpan ReconnectDelay(int attempt)
    {
        var capped = Math.Min(ReconnectMaxDelay.TotalMilliseconds, ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Host);
        ArgumentException.ThrowIfNullOrEmpty(SourceAddr);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SourceAddr.Length, 6, nameof(SourceAddr));
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingDeliveries, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MessagesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResponseTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ActiveTestInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReconnectMinDelay, ReconnectMaxDelay);
    }
}
