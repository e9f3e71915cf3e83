namespace SmsVerify.Server.Review;

public enum ReviewStatus { Rejected, PendingReview, Approved }

/// <summary>
/// A submission a human decides: a qualification, a landing application, a real-person verification (and later
/// signatures and templates). Each keeps its own table; the queue reads them all through this shape.
/// </summary>
public interface IReviewable
{
    Guid Id { get; }
    Guid TenantId { get; }
    ReviewStatus Status { get; set; }
    DateTime SubmittedAt { get; }

    /// <summary>Set when an auditor (or a rule) decides: when, who (the actor as the audit trail names it), why.</summary>
    DateTime? DecidedAt { get; set; }
    string? DecidedBy { get; set; }
    string? DecisionNote { get; set; }
}
