namespace SmsVerify.Server.Limits;

/// <summary>
/// What a door knows of the person behind a verification request: the values of the tenant's rate-limit buckets
/// (<c>rateLimits</c>), their address (<c>endUserIp</c>, which the <c>on-risk</c> captcha policy counts by) and the
/// captcha they solved. A tenant's own message has no end user: it passes none.
/// </summary>
public sealed record EndUser(IReadOnlyDictionary<string, string>? RateLimits = null, string? Ip = null, string? Captcha = null);
