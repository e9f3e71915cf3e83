namespace SmsVerify.Server.Policy;

/// <summary>
/// The verification limits the platform applies unless the operator's configuration says otherwise
/// (<c>Verification:*</c> settings override single values): the published vendor defaults, 1 per minute,
/// 5 per hour and 10 per day per number.
/// </summary>
/// <param name="VerificationPerNumber">Window length in seconds → most verification messages per tenant and number.</param>
public sealed record LimitsPolicy(IReadOnlyDictionary<string, int> VerificationPerNumber, int ResendCooldownSeconds, int MaxCheckAttempts);
