using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Review;

/// <summary>
/// The one queue of everything a human must decide, for admin and auditor keys: qualifications, landing
/// applications and real-person verifications (signatures and templates join it later). Each decision is
/// recorded with who, when and why, audited, and told to the tenant by a <c>review.completed</c> webhook.
/// </summary>
public static class ReviewApi
{
    public const int MaxNoteLength = 500;
    public const int MaxListed = 200;

    public static RouteGroupBuilder MapReview(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/review/items").WithTags("Review").RequireAuthorization(Policies.Auditor);
        group.MapGet("/", List)
            .Describe("listReviewItems", "List review items",
                "Submissions waiting for (or past) an auditor, oldest first across the kinds asked for (`kind`, `status`, `limit`).");
        group.MapGet("/{id:guid}", Get).Describe("getReviewItem", "Get a review item", "One submission with its findings and related items.")
            .Answers(ProblemTypes.ReviewItemNotFound);
        group.MapGet("/{id:guid}/documents/{field}", ReadDocument)
            .Describe("readReviewDocument", "Read a submitted document", "A document of the submission, decrypted; the read is audited.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "image/jpeg", "image/png", "application/pdf")
            .Answers(ProblemTypes.ReviewItemNotFound, ProblemTypes.DocumentNotFound);
        group.MapPost("/{id:guid}/approve", Approve)
            .Example(new ApproveRequest("Licence and filing match the signature."))
            .Describe("approveReviewItem", "Approve a submission", "The auditor's decision, with an optional note; recorded in the audit trail.")
            .Answers(ProblemTypes.ReviewItemNotFound, ProblemTypes.ReviewItemNotPending, ProblemTypes.QualificationNotApproved,
                ProblemTypes.RealPersonVerificationRequired, ProblemTypes.LegalRepVerificationRequired);
        group.MapPost("/{id:guid}/reject", Reject)
            .Example(new RejectRequest("签名与营业执照主体不一致，请提交授权委托书。"))
            .Describe("rejectReviewItem", "Reject a submission", "With the reason the tenant reads; the tenant corrects and submits again.")
            .Answers(ProblemTypes.ReviewItemNotFound, ProblemTypes.ReviewItemNotPending);
        return group;
    }

    /// <summary>Oldest first across the kinds asked for, so the longest-waiting submission is decided first.</summary>
    private static async Task<Results<Ok<List<ReviewItem>>, ApiProblem>> List(
        string? kind, string? status, int? limit, IEnumerable<IReviewKind> kinds, CancellationToken cancellationToken)
    {
        var all = kinds.ToList();
        var selected = kind is null ? all : all.FindAll(k => k.Kind == kind);
        if (selected.Count == 0)
        {
            return ProblemTypes.Invalid("kind", $"kind must be one of {string.Join(", ", all.Select(k => k.Kind))}.").ToResult();
        }
        var wanted = ReviewStatus.PendingReview;
        if (status is not null && !EnumInput.TryParse(status, out wanted))
        {
            return ProblemTypes.Invalid("status", "status must be pending_review, approved or rejected.").ToResult();
        }
        if (limit is < 1 or > MaxListed)
        {
            return ProblemTypes.Invalid("limit", $"limit is 1–{MaxListed}.").ToResult();
        }
        var take = limit ?? MaxListed;
        List<ReviewItem> items = [];
        foreach (var k in selected)
        {
            items.AddRange(await k.ListAsync(wanted, take, cancellationToken));
        }
        return TypedResults.Ok(items.OrderBy(i => i.SubmittedAt).Take(take).ToList());
    }

    private static async Task<Results<Ok<ReviewItem>, ApiProblem>> Get(Guid id, IEnumerable<IReviewKind> kinds, CancellationToken cancellationToken) =>
        await OwnerAsync(id, kinds, cancellationToken) is { } kind && await kind.FindAsync(id, cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : NotFound(id);

    private static async Task<Results<FileContentHttpResult, ApiProblem>> ReadDocument(
        Guid id, string field, IEnumerable<IReviewKind> kinds, CancellationToken cancellationToken) =>
        await OwnerAsync(id, kinds, cancellationToken) is { } kind
            ? await kind.ReadDocumentAsync(id, field, cancellationToken)
            : NotFound(id);

    private static async Task<Results<Ok<ReviewItem>, ApiProblem>> Approve(
        Guid id, ApproveRequest? request, IEnumerable<IReviewKind> kinds, CancellationToken cancellationToken)
    {
        if (request?.Note is { Length: > MaxNoteLength })
        {
            return ProblemTypes.Invalid("note", $"note is at most {MaxNoteLength} characters.").ToResult();
        }
        if (request?.VerifiedName is { Length: > QualificationForm.MaxNameLength })
        {
            return ProblemTypes.Invalid("verifiedName", $"verifiedName is at most {QualificationForm.MaxNameLength} characters.").ToResult();
        }
        if (await OwnerAsync(id, kinds, cancellationToken) is not { } kind)
        {
            return NotFound(id);
        }
        return Answer(await kind.ApproveAsync(id, request ?? new ApproveRequest(null), cancellationToken));
    }

    private static async Task<Results<Ok<ReviewItem>, ApiProblem>> Reject(
        Guid id, RejectRequest request, IEnumerable<IReviewKind> kinds, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxNoteLength)
        {
            return ProblemTypes.Invalid("reason", $"reason is required (the tenant reads it), at most {MaxNoteLength} characters.").ToResult();
        }
        if (await OwnerAsync(id, kinds, cancellationToken) is not { } kind)
        {
            return NotFound(id);
        }
        return Answer(await kind.RejectAsync(id, request.Reason.Trim(), cancellationToken));
    }

    /// <summary>Ids are unique across kinds (UUIDv7), so the one kind that has the id owns it.</summary>
    internal static async Task<IReviewKind?> OwnerAsync(Guid id, IEnumerable<IReviewKind> kinds, CancellationToken cancellationToken)
    {
        foreach (var kind in kinds)
        {
            if (await kind.ExistsAsync(id, cancellationToken))
            {
                return kind;
            }
        }
        return null;
    }

    private static Results<Ok<ReviewItem>, ApiProblem> Answer(Outcome<ReviewItem> outcome) =>
        outcome.Error is { } error ? error.ToResult() : TypedResults.Ok(outcome.Value!);

    private static ApiProblem NotFound(Guid id) => ProblemTypes.ReviewItemNotFound.With($"No review item has id {id}.").ToResult();

    public static ApiError NotPending(string kind, Guid id) =>
        ProblemTypes.ReviewItemNotPending.With($"The {kind.Replace('_', ' ')} {id} was already decided.") with
        {
            Extensions = new Dictionary<string, object?> { ["itemId"] = id },
        };
}
