namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// An answer other than OK, as Alibaba gives it: a code, a message and the HTTP status. Request errors (signature,
/// timestamp, a missing parameter) are 4xx, which the SDKs throw as errors carrying <see cref="Code"/>; business
/// outcomes of a call that was accepted are HTTP 200 with a <c>Code</c> other than <c>OK</c>, which the SDKs return
/// as a result for the caller to test (see <see cref="AlibabaCodes"/>).
/// </summary>
internal sealed record AlibabaError(int Status, string Code, string Message)
{
    public static AlibabaError Missing(string parameter) =>
        new(400, $"Missing{parameter}", $"{parameter} is mandatory for this action.");

    public static AlibabaError Business(string code, string message) => new(200, code, message);

    public static readonly AlibabaError AccessKeyNotFound = new(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    public static readonly AlibabaError SignatureDoesNotMatch = new(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    public static readonly AlibabaError IncompleteSignature = new(400, "IncompleteSignature",
        "The request signature does not conform to Aliyun standards: the Authorization header needs Credential, SignedHeaders (with host, x-acs-action, x-acs-date and x-acs-signature-nonce) and Signature.");
    public static readonly AlibabaError UnsupportedSignatureMethod = new(400, "InvalidSignatureMethod.Malformed",
        "Specified signature method is not supported: use ACS3-HMAC-SHA256, or HMAC-SHA1 with SignatureVersion 1.0.");
    public static readonly AlibabaError TimestampFormat = new(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted: yyyy-MM-ddTHH:mm:ssZ (UTC).");
    public static readonly AlibabaError TimestampExpired = new(400, "InvalidTimeStamp.Expired",
        "Specified time stamp or date value is expired: it must be within 15 minutes of the server's time (UTC).");
    public static readonly AlibabaError NonceUsed = new(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    public static readonly AlibabaError TooManyParameters = new(400, "InvalidParameter", $"A request carries at most {AlibabaRequest.MaxParameters} parameters.");
    public static readonly AlibabaError InvalidVersion = new(400, "InvalidVersion", "Specified parameter Version is not valid: Dysmsapi is 2017-05-25.");
    public static readonly AlibabaError InternalError = new(500, "InternalError", "The request processing has failed due to some unknown error, exception or failure.");

    public static AlibabaError ActionNotFound(string action) =>
        new(404, "InvalidAction.NotFound", $"Specified api is not found, please check your url and method: {Truncate(action)} is not served (docs/compat.md lists the calls).");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40];
}
