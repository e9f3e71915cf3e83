using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Sandbox;

public sealed class SandboxOptions
{
    /// <summary>How many test numbers one tenant may register.</summary>
    [Range(1, 10_000_000)]
    public int MaxNumbersPerTenant { get; set; } = 20;

    /// <summary>
    /// Hours a text to a test number stays whole in its inbox, code included; an hourly job then clears it, and the
    /// log keeps the masked text. Long enough to debug a day's tests, short enough that codes do not pile up.
    /// </summary>
    [Range(1, 8760)]
    public int TextRetentionHours { get; set; } = 24;
}
