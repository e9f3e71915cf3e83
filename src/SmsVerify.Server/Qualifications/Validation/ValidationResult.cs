namespace SmsVerify.Server.Qualifications.Validation;

/// <summary>
/// The outcome of one validator. <see cref="Code"/> is a stable finding code that the review stores and clients
/// may branch on; <see cref="Message"/> is a sentence for the tenant and may be reworded at any time.
/// </summary>
public readonly record struct ValidationResult(bool IsValid, string? Code, string? Message)
{
    public static ValidationResult Ok => new(true, null, null);

    public static ValidationResult Fail(string code, string message) => new(false, code, message);
}
