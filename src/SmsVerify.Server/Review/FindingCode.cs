namespace SmsVerify.Server.Review;

/// <summary>A catalogue entry: a finding code, the severity it always carries, and why the rule exists.</summary>
public sealed record FindingCode(string Code, string Severity, string Reason);
