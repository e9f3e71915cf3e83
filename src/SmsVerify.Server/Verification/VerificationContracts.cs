namespace SmsVerify.Server.Verification;

/// <summary>
/// <see cref="Params"/> fills the template's other variables; the code variable is filled by the server.
/// <see cref="Captcha"/> is the ALTCHA widget's payload, when the tenant's captcha policy asks for one.
/// <see cref="RateLimits"/> maps the tenant's rate-limit keys to this request's values (<c>endUserIp</c> → the address);
/// <see cref="EndUserIp"/> is the end user's address, which the <c>on-risk</c> captcha policy counts by.
/// <see cref="AppHash"/> is an Android app's SMS Retriever hash, written on a line of its own at the end of the code's text.
/// </summary>
public sealed record CreateVerificationRequest(
    string? To, string? Signature = null, string? Template = null, Dictionary<string, string>? Params = null, int? CodeLength = null, int? TtlSeconds = null, string? Captcha = null,
    Dictionary<string, string>? RateLimits = null, string? EndUserIp = null, string? AppHash = null);

public sealed record CheckVerificationRequest(Guid? Id = null, string? To = null, string? Code = null);

public sealed record VerificationView(
    Guid Id,
    string To,
    string Channel,
    VerificationStatus Status,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    DateTime ResendAfter,
    int SendCount,
    int CheckAttemptsLeft)
{
    public static VerificationView From(VerificationRecord v, DateTime now, VerificationOptions options) => new(
        v.Id,
        v.To,
        "sms",
        VerificationRecord.StatusAt(v.Status, v.ExpiresAt, now),
        v.CreatedAt,
        v.ExpiresAt,
        v.LastSentAt.AddSeconds(options.ResendCooldownSeconds),
        v.SendCount,
        Math.Max(0, options.MaxCheckAttempts - v.CheckAttempts));
}
