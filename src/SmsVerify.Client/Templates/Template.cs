namespace SmsVerify.Client;

/// <summary>
/// A template to submit or pre-check: <see cref="Type"/> is <c>verification</c>, <c>notification</c> or <c>marketing</c>;
/// <see cref="Content"/> names its variables as <c>${code}</c>, <c>${amount}</c> and so on.
/// </summary>
public sealed record TemplateRequest(string Name, string Type, string Content, string Scenario)
{
    /// <summary>The tenant's landing application the template's links may point at.</summary>
    public Guid? ApplicationId { get; init; }
}

/// <summary>What the rules found, and the variables the content declares; nothing was saved.</summary>
public sealed record TemplatePrecheck(IReadOnlyList<Finding> Findings, IReadOnlyList<TemplateVariable> Variables);

public sealed record Template(
    string Code,
    int Version,
    string Name,
    string Type,
    string Content,
    string Scenario,
    Guid? ApplicationId,
    string Status,
    IReadOnlyList<TemplateVariable> Variables,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt,
    string? DecisionNote);

/// <summary>A <c>${name}</c> in the content and its type (<c>code</c>, <c>amount</c>, <c>date</c>, <c>text</c>, …).</summary>
public sealed record TemplateVariable(string Name, string Type);

/// <summary>
/// One rule's verdict: a stable code (docs/review-rules.md), <c>error</c> (rejects) or <c>warning</c> (a person
/// decides), a reason, and the field and place in its text at fault.
/// </summary>
public sealed record Finding(string Code, string Severity, string Message, string? Field = null, TextSpan? Span = null);

/// <summary>Where in a field's text a finding points: UTF-16 offset and length.</summary>
public sealed record TextSpan(int Start, int Length);

/// <summary>The values of a template's or signature's review status; a newer server may add others.</summary>
public static class ReviewStatus
{
    public const string PendingReview = "pending_review";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
