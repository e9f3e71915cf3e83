namespace SmsVerify.Server.Channels;

/// <summary>
/// The built-in sandbox carrier, read from the <c>Sandbox</c> section beside the sandbox's own settings. It accepts
/// every message and reports it delivered, so a server with no carrier configured works end to end. A production
/// server with real channels should set <c>Sandbox:CarrierEnabled=false</c>: otherwise, when every real channel is
/// down, routing falls back to it and messages are "delivered" to nobody.
/// </summary>
public sealed class SandboxCarrierOptions
{
    public bool CarrierEnabled { get; set; } = true;

    /// <summary>Lowest by default, so any real channel that serves the carrier and is up is preferred.</summary>
    public int CarrierPriority { get; set; } = int.MinValue;

    /// <summary>How long after a submit its receipts come; zero sends them at once.</summary>
    public TimeSpan CarrierReceiptDelay { get; set; } = TimeSpan.FromSeconds(1);
}
