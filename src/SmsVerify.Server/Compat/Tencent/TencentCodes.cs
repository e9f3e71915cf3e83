namespace SmsVerify.Server.Compat.Tencent;

/// <summary>
/// Tencent Cloud's own error codes (cloud.tencent.com/document/api/382/55981 and the common codes of
/// /document/api/382/52078), as <c>Response.Error.Code</c> carries them. The mapping from SmsVerify's problem codes
/// is <see cref="TencentErrors"/>.
/// </summary>
internal static class TencentCodes
{
    public const string Ok = "Ok";

    // Authentication (common codes).
    public const string SecretIdNotFound = "AuthFailure.SecretIdNotFound";
    public const string SignatureFailure = "AuthFailure.SignatureFailure";
    public const string SignatureExpire = "AuthFailure.SignatureExpire";
    public const string InvalidAuthorization = "AuthFailure.InvalidAuthorization";

    // Request shape (common codes).
    public const string InvalidAction = "InvalidAction";
    public const string MissingParameter = "MissingParameter";
    public const string InvalidParameter = "InvalidParameter";
    public const string InvalidParameterValue = "InvalidParameterValue";
    public const string UnsupportedOperation = "UnsupportedOperation";
    public const string InternalError = "InternalError";

    // SMS.
    public const string SmsSdkAppIdVerifyFail = "UnauthorizedOperation.SmsSdkAppIdVerifyFail";
    public const string RequestPermissionDeny = "UnauthorizedOperation.RequestPermissionDeny";
    public const string EmptyPhoneNumberSet = "MissingParameter.EmptyPhoneNumberSet";
    public const string PhoneNumberCountLimit = "LimitExceeded.PhoneNumberCountLimit";
    public const string IncorrectPhoneNumber = "InvalidParameterValue.IncorrectPhoneNumber";
    public const string TemplateParameterFormatError = "InvalidParameterValue.TemplateParameterFormatError";
    public const string TemplateIncorrectOrUnapproved = "FailedOperation.TemplateIncorrectOrUnapproved";
    public const string SignatureIncorrectOrUnapproved = "FailedOperation.SignatureIncorrectOrUnapproved";
    public const string InsufficientBalance = "FailedOperation.InsufficientBalanceInSmsPackage";
    public const string ContainSensitiveWord = "FailedOperation.ContainSensitiveWord";
    public const string PhoneNumberInBlacklist = "FailedOperation.PhoneNumberInBlacklist";
    public const string MarketingSendTimeConstraint = "FailedOperation.MarketingSendTimeConstraint";
    public const string AppDailyLimit = "LimitExceeded.AppDailyLimit";
    public const string ThirtySecondLimit = "LimitExceeded.PhoneNumberThirtySecondLimit";
    public const string OneHourLimit = "LimitExceeded.PhoneNumberOneHourLimit";
    public const string DailyLimit = "LimitExceeded.PhoneNumberDailyLimit";
    public const string DeliveryFrequencyLimit = "LimitExceeded.DeliveryFrequencyLimit";
}

/// <summary>
/// A request Tencent's way of answering refuses before it reaches the pipeline (a parameter of the wrong shape):
/// thrown by the parameter readers, deep in parsing, and answered as <c>Response.Error</c> by the one catch in
/// <see cref="TencentApi"/>.
/// </summary>
internal sealed class TencentException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
