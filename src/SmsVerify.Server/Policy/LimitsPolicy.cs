namespace SmsVerify.Server.Policy;

/// <summary>
/// The verification limits the platform applies unless the operator's configuration says otherwise
/// (<c>Verification:*</c> and <c>Limits:*</c> settings override single values): the published vendor defaults,
/// 1 per minute, 5 per hour and 10 per day per tenant and number, and the platform's own guards across tenants.
/// </summary>
/// <param name="VerificationPerNumber">Window length in seconds → most verification messages per tenant and number.</param>
/// <param name="PlatformPerNumber">
/// Window length in seconds → most verification messages to one real number from all tenants together (anti-bombing).
/// </param>
/// <param name="FailedChecks">Wrong codes per tenant and number, across resends, after which the number is locked.</param>
/// <param name="Risk">When a request's risk is raised, so that the <c>on-risk</c> captcha policy asks for a captcha.</param>
/// <remarks>The last three came later: an operator's file without them takes them from the built-in policy.</remarks>
public sealed record LimitsPolicy(
    IReadOnlyDictionary<string, int> VerificationPerNumber,
    int ResendCooldownSeconds,
    int MaxCheckAttempts,
    IReadOnlyDictionary<string, int>? PlatformPerNumber = null,
    FailedCheckLockPolicy? FailedChecks = null,
    RiskSignalPolicy? Risk = null)
{
    public LimitsPolicy CompletedFrom(LimitsPolicy fallback) => this with
    {
        PlatformPerNumber = PlatformPerNumber ?? fallback.PlatformPerNumber,
        FailedChecks = FailedChecks ?? fallback.FailedChecks,
        Risk = Risk ?? fallback.Risk,
    };
}

/// <summary>After <see cref="Max"/> wrong codes in <see cref="WindowSeconds"/>, sends and checks for the number stop.</summary>
public sealed record FailedCheckLockPolicy(int Max, int WindowSeconds);

/// <summary>
/// A request's risk is raised when it is at least the <see cref="PerEndUserIp"/>-th from one end-user IP, or the
/// <see cref="PerNumberBlock"/>-th to one number block (the first 7 digits of the national number), for the tenant
/// within <see cref="WindowSeconds"/>. 0 switches a signal off.
/// </summary>
public sealed record RiskSignalPolicy(int WindowSeconds, int PerEndUserIp, int PerNumberBlock);
