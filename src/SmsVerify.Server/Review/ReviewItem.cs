using SmsVerify.Server.Qualifications;

namespace SmsVerify.Server.Review;

/// <summary>A link to one of an item's documents, readable by auditors (every read is audited).</summary>
public sealed record DocumentLink(string Field, string Type, long Size, string Href);

/// <summary>One entry of the queue: what kind of thing, whose, its state and decision, and the submission itself.</summary>
public sealed record ReviewItem(
    Guid Id, string Kind, Guid TenantId, ReviewStatus Status, DateTime SubmittedAt, DateTime? DecidedAt, string? DecidedBy,
    string? DecisionNote, object Submission, List<DocumentLink> Documents)
{
    public static ReviewItem From(IReviewable item, string kind, object submission, IEnumerable<DocumentRef> documents) =>
        new(item.Id, kind, item.TenantId, item.Status, item.SubmittedAt, item.DecidedAt, item.DecidedBy, item.DecisionNote, submission,
            documents.Select(d => new DocumentLink(d.Field, d.Type.ToString().ToLowerInvariant(), d.Size, $"/v1/review/items/{item.Id}/documents/{d.Field}")).ToList());
}

/// <summary>
/// <paramref name="VerifiedName"/> applies to real-person verifications: the name the auditor read on the ID
/// (the declared one when omitted). A different name fails the check and rejects the qualification.
/// </summary>
public sealed record ApproveRequest(string? Note, string? VerifiedName = null);

public sealed record RejectRequest(string? Reason);

/// <summary>What <c>review.completed</c> tells the tenant.</summary>
public sealed record ReviewCompleted(Guid ItemId, string Kind, ReviewStatus Status, string? Reason, DateTime DecidedAt);
