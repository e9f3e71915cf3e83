using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>
/// Circuit breakers (<c>Risk:Breakers</c>). The thresholds and window default to the policy file's
/// <c>breakers</c> section; configuration overrides them value by value.
/// </summary>
public sealed class BreakerOptions
{
    [Range(1, Policy.BreakersPolicy.MaxWindowSeconds)]
    public int WindowSeconds { get; set; } = 3600;

    [Range(1, 1_000_000)]
    public int Template { get; set; } = 5;

    [Range(1, 1_000_000)]
    public int Signature { get; set; } = 10;

    [Range(1, 1_000_000)]
    public int Tenant { get; set; } = 20;

    /// <summary>How often each node reloads the open breakers, so a trip on another node stops sends here too.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many of the latest violations an incident quotes.</summary>
    [Range(1, 100)]
    public int Samples { get; set; } = 10;

    public int Threshold(BreakerScope scope) => scope switch
    {
        BreakerScope.Template => Template,
        BreakerScope.Signature => Signature,
        _ => Tenant,
    };

    public static bool AreOrdered(BreakerOptions o) => o.Template <= o.Signature && o.Signature <= o.Tenant;
}
