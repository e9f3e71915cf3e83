using System.Text.Json.Serialization;

namespace SmsVerify.Client;

/// <summary>
/// A code to send. Left without <see cref="Signature"/> and <see cref="Template"/>, the built-in sandbox ones are used
/// (test numbers only); <see cref="Params"/> fills the template's other variables, the code variable is the server's.
/// </summary>
public sealed record StartVerificationRequest(string To)
{
    public string? Signature { get; init; }

    public string? Template { get; init; }

    public IReadOnlyDictionary<string, string>? Params { get; init; }

    /// <summary>4 to 8 characters; the server's default when null.</summary>
    public int? CodeLength { get; init; }

    /// <summary>60 to 1800 seconds; the server's default when null.</summary>
    public int? TtlSeconds { get; init; }

    /// <summary>The ALTCHA widget's payload, when the tenant's captcha policy asks for one.</summary>
    public string? Captcha { get; init; }

    /// <summary>Values for the tenant's own rate-limit keys, such as <c>endUserIp</c>.</summary>
    public IReadOnlyDictionary<string, string>? RateLimits { get; init; }

    /// <summary>The end user's address, which the <c>on-risk</c> captcha policy counts by.</summary>
    public string? EndUserIp { get; init; }
}

public sealed record Verification(
    Guid Id,
    string To,
    string Channel,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset ResendAfter,
    int SendCount,
    int CheckAttemptsLeft)
{
    /// <summary>The code was right (or the verification was approved without one).</summary>
    [JsonIgnore]
    public bool IsApproved => Status == VerificationStatus.Approved;
}

/// <summary>The values of <see cref="Verification.Status"/>; a newer server may add others.</summary>
public static class VerificationStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Expired = "expired";
    public const string Canceled = "canceled";
    public const string MaxAttemptsReached = "max_attempts_reached";
}

internal sealed record CheckVerificationBody(Guid? Id, string? To, string Code);
