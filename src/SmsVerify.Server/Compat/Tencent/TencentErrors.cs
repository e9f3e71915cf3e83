using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>
/// SmsVerify's problem codes as Tencent's: the one table for this vendor (docs/compat-tencent.md shows the same).
/// A refusal that concerns one number goes in that number's <c>SendStatusSet</c> entry, as Tencent answers it; any
/// other refuses the whole request in <c>Response.Error</c>.
/// </summary>
internal static class TencentErrors
{
    /// <summary>Problem code → Tencent code, and whether it belongs to one number's entry.</summary>
    private static readonly Dictionary<string, (string Code, bool PerNumber)> Table = new()
    {
        ["invalid_phone"] = (TencentCodes.IncorrectPhoneNumber, true),
        ["rate_limited"] = (TencentCodes.DailyLimit, true),                 // by its window: see ForRateLimit
        ["recipient_rate_limited"] = (TencentCodes.DailyLimit, true),       // by its window: see ForRateLimit
        ["rate_limit_exceeded"] = (TencentCodes.DeliveryFrequencyLimit, true),
        ["verification_locked"] = (TencentCodes.DeliveryFrequencyLimit, true),
        ["resend_too_soon"] = (TencentCodes.ThirtySecondLimit, true),
        ["number_block_blocked"] = (TencentCodes.PhoneNumberInBlacklist, true),
        ["recipient_opted_out"] = (TencentCodes.PhoneNumberInBlacklist, true),
        ["signature_not_found"] = (TencentCodes.SignatureIncorrectOrUnapproved, false),
        ["signature_required"] = (TencentCodes.SignatureIncorrectOrUnapproved, false),
        ["template_not_found"] = (TencentCodes.TemplateIncorrectOrUnapproved, false),
        ["template_type_mismatch"] = (TencentCodes.TemplateIncorrectOrUnapproved, false),
        ["parameter_invalid"] = (TencentCodes.TemplateParameterFormatError, false),
        ["invalid_argument"] = (TencentCodes.InvalidParameterValue, false),
        ["content_rejected"] = (TencentCodes.ContainSensitiveWord, false),
        ["sending_suspended"] = (TencentCodes.RequestPermissionDeny, false),
        ["tenant_suspended"] = (TencentCodes.RequestPermissionDeny, false),
        ["sandbox_number_required"] = (TencentCodes.RequestPermissionDeny, false),
        ["captcha_required"] = (TencentCodes.RequestPermissionDeny, false),
        ["marketing_window_closed"] = (TencentCodes.MarketingSendTimeConstraint, false),
        ["insufficient_balance"] = (TencentCodes.InsufficientBalance, false),
        ["daily_spend_cap_reached"] = (TencentCodes.AppDailyLimit, false),
        ["store_unavailable"] = (TencentCodes.InternalError, false),
        ["limits_unavailable"] = (TencentCodes.InternalError, false),
        ["internal_error"] = (TencentCodes.InternalError, false),
    };

    /// <summary>Every mapped problem code, for the docs test.</summary>
    public static IReadOnlyDictionary<string, (string Code, bool PerNumber)> All => Table;

    public static (string Code, bool PerNumber) For(ApiError error)
    {
        var (code, perNumber) = For(error.Type.Code);
        return error.Type.Code is "rate_limited" or "recipient_rate_limited" ? (ForRateLimit(error), perNumber) : (code, perNumber);
    }

    /// <summary>An unmapped code refuses the request as <c>FailedOperation</c>, with SmsVerify's own message.</summary>
    public static (string Code, bool PerNumber) For(string problemCode) =>
        Table.TryGetValue(problemCode, out var mapped) ? mapped : ("FailedOperation", false);

    /// <summary>Tencent names its frequency limits by window: 30 seconds, an hour, a day.</summary>
    private static string ForRateLimit(ApiError error) =>
        error.Extensions?.TryGetValue("windowSeconds", out var window) == true && window is long seconds
            ? seconds <= 60 ? TencentCodes.ThirtySecondLimit : seconds <= 3600 ? TencentCodes.OneHourLimit : TencentCodes.DailyLimit
            : TencentCodes.DailyLimit;
}
