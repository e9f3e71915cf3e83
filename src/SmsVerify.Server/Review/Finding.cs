namespace SmsVerify.Server.Review;

/// <summary>
/// One rule's verdict on a submission: a stable code, how grave it is, a reason a person can act on, the field
/// at fault and, for rules about text, where in that field. An error rejects at once; a warning sends the
/// submission to a human.
/// </summary>
public sealed record Finding(string Code, string Severity, string Message, string? Field = null, TextSpan? Span = null)
{
    public const string Error = "error";
    public const string Warning = "warning";

    public static Finding Reject(string code, string field, string message, TextSpan? span = null) => new(code, Error, message, field, span);

    public static Finding Flag(string code, string field, string message, TextSpan? span = null) => new(code, Warning, message, field, span);
}
