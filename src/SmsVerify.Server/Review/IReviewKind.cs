using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Review;

/// <summary>
/// One kind of submission in the queue. Each kind keeps its table and its own conditions for approval (a
/// high-risk qualification needs a passed real-person check; an application needs an approved qualification).
/// Kinds derive from <see cref="ReviewKind{T}"/>, which does what they share.
/// </summary>
public interface IReviewKind
{
    /// <summary>The kind as the API names it: <c>qualification</c>, <c>application</c>, <c>real_person</c>, ….</summary>
    string Kind { get; }

    Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken);

    Task<List<ReviewItem>> ListAsync(ReviewStatus status, int limit, CancellationToken cancellationToken);

    /// <summary>When the submission waiting longest for a decision came in; null when none waits.</summary>
    Task<DateTime?> OldestPendingAsync(CancellationToken cancellationToken);

    Task<ReviewItem?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Earlier submissions this one follows (a resubmitted qualification's earlier versions), newest first.</summary>
    Task<List<ReviewItem>> EarlierAsync(Guid id, CancellationToken cancellationToken);

    Task<Outcome<ReviewItem>> ApproveAsync(Guid id, ApproveRequest request, CancellationToken cancellationToken);

    Task<Outcome<ReviewItem>> RejectAsync(Guid id, string reason, CancellationToken cancellationToken);

    Task<Results<FileContentHttpResult, ApiProblem>> ReadDocumentAsync(Guid id, string field, CancellationToken cancellationToken);
}
