using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// The one table from the native API's problem codes (<see cref="ProblemTypes"/>) to Dysmsapi's business codes; the
/// same table is in docs/compat-alibaba.md. Every one is answered with HTTP 200, as Alibaba does: its SDKs never look
/// at <c>Code</c>, and an app tests <c>Code == "OK"</c>.
/// </summary>
internal static class AlibabaCodes
{
    public const string Ok = "OK";
    public const string InvalidParameters = "isv.INVALID_PARAMETERS";
    public const string InvalidJsonParam = "isv.INVALID_JSON_PARAM";
    public const string MobileNumberIllegal = "isv.MOBILE_NUMBER_ILLEGAL";
    public const string MobileCountOverLimit = "isv.MOBILE_COUNT_OVER_LIMIT";
    public const string SignatureIllegal = "isv.SMS_SIGNATURE_ILLEGAL";
    public const string TemplateIllegal = "isv.SMS_TEMPLATE_ILLEGAL";
    public const string ParamLengthLimit = "isv.PARAM_LENGTH_LIMIT";
    public const string BusinessLimitControl = "isv.BUSINESS_LIMIT_CONTROL";
    public const string SystemError = "isp.SYSTEM_ERROR";

    public static AlibabaError For(ApiError error) => AlibabaError.Business(CodeFor(error), MessageFor(error));

    private static string CodeFor(ApiError error) => error.Type.Code switch
    {
        "invalid_phone" => MobileNumberIllegal,
        "signature_not_found" or "signature_required" => SignatureIllegal,
        "template_not_found" => TemplateIllegal,
        // A signature approved for verification codes used with another template: Alibaba's own case for this code.
        "template_type_mismatch" => "isv.SMS_SIGNATURE_SCENE_ILLEGAL",
        "parameter_invalid" => Rule(error) == "missing" ? "isv.TEMPLATE_MISSING_PARAMETERS" : "isv.TEMPLATE_PARAMS_ILLEGAL",
        "content_rejected" => "isv.BLACK_KEY_CONTROL_LIMIT",
        "rate_limited" or "recipient_rate_limited" or "rate_limit_exceeded" or "resend_too_soon" or "verification_locked"
            or "number_block_blocked" or "marketing_window_closed" => BusinessLimitControl,
        "insufficient_balance" => "isv.AMOUNT_NOT_ENOUGH",
        "daily_spend_cap_reached" => "isv.DAY_LIMIT_CONTROL",
        "sending_suspended" or "tenant_suspended" => "isv.OUT_OF_SERVICE",
        "sandbox_number_required" => "isv.SMS_TEST_NUMBER_LIMIT",
        _ when error.Type.Status >= 500 => SystemError,
        _ => InvalidParameters,
    };

    /// <summary>
    /// The native detail, except for frequency limits: Alibaba's text there (<c>触发分钟级流控Permits:1</c>) is what
    /// apps match to tell the minute, hour and day limits apart.
    /// </summary>
    private static string MessageFor(ApiError error)
    {
        if (error.Type.Code is "rate_limited" or "recipient_rate_limited"
            && error.Extensions?.GetValueOrDefault("windowSeconds") is { } window && error.Extensions.GetValueOrDefault("limit") is { } limit)
        {
            var level = Convert.ToInt64(window, System.Globalization.CultureInfo.InvariantCulture) switch
            {
                <= 60 => "分钟级",
                <= 3600 => "小时级",
                _ => "天级",
            };
            return $"触发{level}流控Permits:{limit}";
        }
        return error.Detail;
    }

    private static string? Rule(ApiError error) => error.Extensions?.GetValueOrDefault("rule") as string;

    /// <summary>The reason a refusal is stored with on a message (<see cref="Messages.MessageRecord.ErrorCode"/>), as QuerySendDetails shows it.</summary>
    public static string ForMessageError(string? errorCode) => errorCode switch
    {
        null => "",
        "recipient_opted_out" => "MOBILE_IN_BLACK",
        _ => errorCode.ToUpperInvariant(),
    };
}
