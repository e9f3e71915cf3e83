using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Smpp.Codec;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// The one table from a refused send's problem code to the submit_sm_resp command_status a gateway gets; the same
/// table is in docs/smpp-listener.md. SMPP v3.4 §5.1.3 leaves 0x0400–0x04FF to the SMSC: SmsVerify's own reasons
/// live there, so a gateway's log names the reason rather than a generic ESME_RSUBMITFAIL. All of them are final
/// (sending the same text again gets the same answer) except ESME_RSYSERR and ESME_RTHROTTLED.
/// </summary>
public static class SubmitStatus
{
    /// <summary>The text names no approved signature of the tenant.</summary>
    public const uint SignatureNotFound = 0x00000400;

    /// <summary>The text (after its signature) matches none of the tenant's approved templates.</summary>
    public const uint TemplateNotMatched = 0x00000401;

    /// <summary>The text matches a template, but a value does not fit its variable's type.</summary>
    public const uint ValueNotAllowed = 0x00000402;

    /// <summary>A value carries a link, a contact number or an advertisement: recorded as a content violation.</summary>
    public const uint ContentRejected = 0x00000403;

    /// <summary>Sending is suspended for the tenant, signature or template (a circuit breaker, or an operator).</summary>
    public const uint SendingSuspended = 0x00000404;

    /// <summary>A frequency limit for the number (the tenant's, the platform's, or a rate limit) is reached.</summary>
    public const uint NumberLimited = 0x00000405;

    /// <summary>Sends to this number block are blocked after toll-fraud pumping.</summary>
    public const uint NumberBlockBlocked = 0x00000406;

    /// <summary>The balance or today's spend cap does not cover the message.</summary>
    public const uint NotFunded = 0x00000407;

    /// <summary>A marketing text outside 08:00–20:00 China time.</summary>
    public const uint MarketingWindowClosed = 0x00000408;

    /// <summary>In sandbox mode messages go only to the tenant's test numbers.</summary>
    public const uint SandboxNumberRequired = 0x00000409;

    /// <summary>data_coding is not text SmsVerify reads (binary), or the user data header is broken (SMPP 5.0's ESME_RINVDCS).</summary>
    public const uint InvalidDataCoding = 0x00000104;

    public static uint For(ApiError error) => error.Type.Code switch
    {
        "invalid_phone" => CommandStatus.InvalidDestinationAddress,
        "signature_not_found" or "signature_required" => SignatureNotFound,
        "template_not_found" or "template_type_mismatch" => TemplateNotMatched,
        "parameter_invalid" => ValueNotAllowed,
        "content_rejected" => ContentRejected,
        "sending_suspended" or "tenant_suspended" => SendingSuspended,
        "rate_limited" or "recipient_rate_limited" or "rate_limit_exceeded" => NumberLimited,
        "number_block_blocked" => NumberBlockBlocked,
        "insufficient_balance" or "daily_spend_cap_reached" => NotFunded,
        "marketing_window_closed" => MarketingWindowClosed,
        "sandbox_number_required" => SandboxNumberRequired,
        _ when error.Type.Status >= 500 => CommandStatus.SystemError,
        _ => CommandStatus.SubmitFailed,
    };
}
