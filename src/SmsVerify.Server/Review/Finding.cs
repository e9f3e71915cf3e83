namespace SmsVerify.Server.Review;

/// <summary>
/// One rule's verdict on a submission: a stable code, how grave it is, a reason a person can act on, and the
/// field at fault. An error rejects at once; a warning sends the submission to a human.
/// </summary>
public sealed record Finding(string Code, string Severity, string Message, string? Field = null)
{
    public const string Error = "error";
    public const string Warning = "warning";

    public static Finding Reject(string code, string field, string message) => new(code, Error, message, field);

    public static Finding Flag(string code, string field, string message) => new(code, Warning, message, field);
}
