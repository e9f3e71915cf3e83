namespace SmsVerify.Server.Channels;

/// <summary>
/// The built-in sandbox carrier, read from the <c>Sandbox</c> section beside the sandbox's own settings. It accepts
/// every message and reports it delivered, so a server with no carrier configured works end to end. Once any SMPP
/// channel is configured it stands by and takes no real traffic, unless <see cref="CarrierFallback"/> says so:
/// a real message it took would be reported delivered with no phone having got it.
/// </summary>
public sealed class SandboxCarrierOptions
{
    public bool CarrierEnabled { get; set; } = true;

    /// <summary>
    /// With SMPP channels configured, whether it still takes messages none of them can (all down, or none serves
    /// the number's carrier). Only for trying a channel setup without a carrier to hand; messages wait queued otherwise.
    /// </summary>
    public bool CarrierFallback { get; set; }

    /// <summary>Lowest by default, so any real channel that serves the carrier and is up is preferred.</summary>
    public int CarrierPriority { get; set; } = int.MinValue;

    /// <summary>How long after a submit its receipts come; zero sends them at once.</summary>
    public TimeSpan CarrierReceiptDelay { get; set; } = TimeSpan.FromSeconds(1);
}
