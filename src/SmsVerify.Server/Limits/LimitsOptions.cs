using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Limits;

/// <summary>
/// The <c>Limits</c> section: the platform's guards beyond the per-tenant windows. Defaults come from the policy
/// file's <c>limits</c>; configuration overrides them value by value (<c>Limits__PerRecipient__3600=30</c>).
/// </summary>
public sealed class LimitsOptions
{
    /// <summary>Prefix of every Redis key.</summary>
    public string KeyPrefix { get; set; } = "smsverify:";

    /// <summary>Window length in seconds → most verification messages to one real number from all tenants; 0 turns a window off.</summary>
    public Dictionary<string, int> PerRecipient { get; set; } = new() { ["3600"] = 20, ["86400"] = 40 };

    /// <summary>Wrong codes per tenant and number within <see cref="FailedChecksWindowSeconds"/> that lock the number.</summary>
    [Range(1, 1000)]
    public int FailedChecksLockAfter { get; set; } = 20;

    [Range(60, RateWindow.MaxSeconds)]
    public int FailedChecksWindowSeconds { get; set; } = 86400;

    /// <summary>The window of the risk signals that raise the <c>on-risk</c> captcha policy.</summary>
    [Range(1, 86400)]
    public int RiskWindowSeconds { get; set; } = 600;

    /// <summary>From this many requests of one end-user IP in the window, a request's risk is raised; 0 is off.</summary>
    [Range(0, 1_000_000)]
    public int RiskPerEndUserIp { get; set; } = 5;

    /// <summary>From this many requests to one number block (first 7 digits) in the window, risk is raised; 0 is off.</summary>
    [Range(0, 1_000_000)]
    public int RiskPerNumberBlock { get; set; } = 20;

    /// <summary>
    /// While Redis does not answer, each node sends under its own in-memory budget: every window's max divided by
    /// this (at least 1). Never unlimited; with N nodes the platform sends at most N/divisor of the normal budget.
    /// </summary>
    [Range(1, 1000)]
    public int FallbackDivisor { get; set; } = 4;

    /// <summary>How long a node keeps a tenant's rate-limit buckets in memory; a change applies at once on its own node.</summary>
    [Range(0, 3600)]
    public int RuleCacheSeconds { get; set; } = 10;

    private RateWindow[]? _perRecipient;

    public RateWindow[] PerRecipientWindows => _perRecipient ??= RateWindow.FromSeconds(PerRecipient);

    private RateWindow[]? _failedChecks, _perEndUserIp, _perNumberBlock;

    public RateWindow[] FailedChecksWindow => _failedChecks ??= [new(FailedChecksLockAfter, TimeSpan.FromSeconds(FailedChecksWindowSeconds))];

    public RateWindow[] PerEndUserIpSignal => _perEndUserIp ??= [new(RiskPerEndUserIp, TimeSpan.FromSeconds(RiskWindowSeconds))];

    public RateWindow[] PerNumberBlockSignal => _perNumberBlock ??= [new(RiskPerNumberBlock, TimeSpan.FromSeconds(RiskWindowSeconds))];
}
