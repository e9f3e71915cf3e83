using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Channels;

/// <summary>How a channel binds: send only (receipts may come on receiver binds), or send and receive on one bind.</summary>
public enum ChannelBindMode { Transceiver, Transmitter }

/// <summary><c>Auto</c>: GSM 7-bit when every character fits, else UCS-2. <c>Ucs2</c>: always UCS-2.</summary>
public enum ChannelDataCoding { Auto, Ucs2 }

/// <summary>The wire protocol of a channel: SMPP 3.4, or China Mobile's CMPP 2.0 or 3.0.</summary>
public enum ChannelProtocol { Smpp, Cmpp2, Cmpp3 }

/// <summary>
/// One carrier connection, an item of the <c>Channels</c> list (<c>Channels__0__Host</c> …). Only
/// <see cref="Name"/>, <see cref="Host"/> and the credentials have no useful default. The CMPP settings are in
/// <see cref="ChannelOptions"/>'s other part (ChannelOptions.Cmpp.cs).
/// </summary>
public sealed partial class ChannelOptions
{
    public const int MaxNameLength = 32;

    public ChannelProtocol Protocol { get; set; } = ChannelProtocol.Smpp;

    /// <summary>Shown in stats and stored with each message; <c>sandbox</c> is taken by the built-in channel.</summary>
    public string Name { get; set; } = "";
    public string Host { get; set; } = "";
    /// <summary>Unset means the protocol's usual port: 2775 for SMPP, 7890 for CMPP (the ISMG's long-connection port, §6.3).</summary>
    public int? Port { get; set; }

    /// <summary>The port to connect to.</summary>
    public int ServerPort => Port ?? (Protocol == ChannelProtocol.Smpp ? 2775 : 7890);

    /// <summary>SMPP: system_id of the bind.</summary>
    public string SystemId { get; set; } = "";
    public string Password { get; set; } = "";
    public string SystemType { get; set; } = "";
    public ChannelBindMode BindMode { get; set; } = ChannelBindMode.Transceiver;

    /// <summary>Binds that submit (transmitter or transceiver); each has its own window and rate.</summary>
    public int Binds { get; set; } = 1;

    /// <summary>Extra receive-only binds, for carriers that push receipts and replies on a bind of their own.</summary>
    public int ReceiverBinds { get; set; }

    /// <summary>Submits outstanding per bind (SMPP submit_sm, CMPP CMPP_SUBMIT).</summary>
    public int Window { get; set; } = 10;

    /// <summary>Submits per second per bind, as the carrier's contract says; 0 = unlimited.</summary>
    public double MessagesPerSecond { get; set; }

    /// <summary>The number messages come from (a 106… code; CMPP's Src_Id); a signature's extension is appended to it.</summary>
    public string SourceAddress { get; set; } = "";

    /// <summary>Some SMSCs garble GSM 7-bit (CMPP: ASCII); <c>ucs2</c> sends everything as UCS-2 (70 characters a part).</summary>
    public ChannelDataCoding DataCoding { get; set; } = ChannelDataCoding.Auto;

    /// <summary><c>udh</c> (a header in each part) or <c>sar</c> (TLVs; the SMSC builds the header; SMPP only).</summary>
    public ConcatenationMode Concatenation { get; set; } = ConcatenationMode.Udh;

    /// <summary>Carrier names this channel serves (ChinaMobile, ChinaUnicom, ChinaTelecom, ChinaBroadnet, Other); empty = all.</summary>
    public List<string> Carriers { get; set; } = [];

    /// <summary>Higher is tried first.</summary>
    public int Priority { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Receipt dates carry no zone; mainland SMSCs write Beijing time.</summary>
    public TimeSpan ReceiptUtcOffset { get; set; } = TimeSpan.FromHours(8);

    public BreakerOptions Breaker { get; set; } = new();

    /// <summary>Wait before the first try to bind again after a failed bind or a lost link; it doubles per failure.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between tries to bind: short, because messages (codes above all) wait for the bind, and a
    /// carrier that is back should be in use within seconds, not a minute later.
    /// </summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries handled at once per bind (each one's deliver_sm_resp waits for its own sink call). Receipts are
    /// written a batch at a time, so many at once cost little more than one; too few, and receipts waiting for
    /// their turn hold up the submit responses behind them on the link.
    /// </summary>
    public int InboundConcurrency { get; set; } = 64;
}

/// <summary>When a channel's circuit breaker opens, and when it tries again.</summary>
public sealed class BreakerOptions
{
    /// <summary>Outcomes older than this are forgotten.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Fewer outcomes than this in the window never open the breaker: a few failures are not a trend.</summary>
    public int MinimumSamples { get; set; } = 20;

    /// <summary>Share of errors (0–1) in the window that opens it.</summary>
    public double ErrorRate { get; set; } = 0.5;

    /// <summary>How long it stays open before one probe message may go through.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromSeconds(30);
}
