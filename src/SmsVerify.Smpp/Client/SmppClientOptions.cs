using System.Net.Security;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Client;

/// <summary>Settings of one ESME bind. Every option has a default; host, credentials and rate come from the carrier.</summary>
public sealed class SmppClientOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 2775;
    public string SystemId { get; set; } = "";
    public string Password { get; set; } = "";
    public string SystemType { get; set; } = "";
    public BindMode BindMode { get; set; } = BindMode.Transceiver;

    /// <summary>Most requests outstanding at once (Kannel's max-pending-submits defaults to 10).</summary>
    public int Window { get; set; } = 10;

    /// <summary>Submits per second allowed on this bind; 0 means unlimited.</summary>
    public double MessagesPerSecond { get; set; }

    /// <summary>How often enquire_link is sent (Kannel, Jasmin and Inetlab use 30 s).</summary>
    public TimeSpan EnquireLinkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A request (submit_sm, enquire_link …) unanswered this long means the link is dead.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Sending pauses this long after ESME_RTHROTTLED or ESME_RMSGQFUL (Kannel sleeps 1 s).</summary>
    public TimeSpan ThrottlePause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often one message is sent again after congestion (throttled, queue full) before its last response is returned.</summary>
    public int MaxTransientRetries { get; set; } = 20;

    public int MaxPduLength { get; set; } = PduFramer.DefaultMaxPduLength;

    /// <summary>
    /// Most deliver_sm waiting in <see cref="SmppClient.Deliveries"/>; when it is full the client stops reading the
    /// socket until the application takes one. The SMSC's own window usually keeps far fewer outstanding.
    /// </summary>
    public int MaxPendingDeliveries { get; set; } = 256;

    /// <summary>Speak TLS 1.2 or 1.3 before binding, for an SMSC that offers SMPP over TLS (often on port 3550).</summary>
    public bool UseTls { get; set; }

    /// <summary>The name the SMSC's certificate must carry; <see cref="Host"/> when null.</summary>
    public string? TlsTargetHost { get; set; }

    /// <summary>Replaces the usual certificate check (a pinned certificate, a private CA); null checks as the OS does.</summary>
    public RemoteCertificateValidationCallback? ValidateServerCertificate { get; set; }

    /// <summary>
    /// The wait before reconnect attempt <paramref name="attempt"/> (from 0): exponential backoff with jitter,
    /// <see cref="ReconnectMinDelay"/>·2^attempt capped at <see cref="ReconnectMaxDelay"/>, then a random 50–100 % of
    /// that, so many clients dropped together do not all come back at once.
    /// </summary>
    public TimeSpan ReconnectDelay(int attempt)
    {
        var min = ReconnectMinDelay.TotalMilliseconds;
        var capped = Math.Min(ReconnectMaxDelay.TotalMilliseconds, min * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingDeliveries, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MessagesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResponseTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(EnquireLinkInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReconnectMinDelay, ReconnectMaxDelay);
    }
}
