using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Review;

public sealed record ReviewItem(Guid Id, string Kind, Guid TenantId, QualificationView Submission);

public sealed record ApproveRequest(string? Note);

public sealed record RejectRequest(string? Reason);

/// <summary>
/// The queue of everything a human must decide, for admin and auditor keys. Today it holds qualifications;
/// landing applications, real-person verifications, signatures and templates join it as they are built.
/// </summary>
public static class ReviewApi
{
    public const int MaxNoteLength = 500;
    public const string QualificationKind = "qualification";

    public static RouteGroupBuilder MapReview(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/review/items").WithTags("Review").RequireAuthorization(Policies.Auditor);
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/{id:guid}/documents/{field}", ReadDocument);
        group.MapPost("/{id:guid}/approve", Approve);
        group.MapPost("/{id:guid}/reject", Reject);
        return group;
    }

    private static async Task<Results<Ok<List<ReviewItem>>, ApiProblem>> List(string? kind, string? status, AppDbContext db, CancellationToken cancellationToken)
    {
        if (kind is not (null or QualificationKind))
        {
            return ProblemTypes.Invalid("kind", $"kind must be {QualificationKind} (more kinds come with later review work).").ToResult();
        }
        var wanted = QualificationStatus.PendingReview;
        if (status is not null && !EnumInput.TryParse(status, out wanted))
        {
            return ProblemTypes.Invalid("status", "status must be pending_review, approved or rejected.").ToResult();
        }
        var items = await db.Qualifications.AsNoTracking().Where(q => q.Status == wanted)
            .OrderBy(q => q.SubmittedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(items.ConvertAll(Item));
    }

    private static async Task<Results<Ok<ReviewItem>, ApiProblem>> Get(Guid id, AppDbContext db, CancellationToken cancellationToken) =>
        await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken) is { } qualification
            ? TypedResults.Ok(Item(qualification))
            : NotFound(id);

    private static async Task<Results<FileContentHttpResult, ApiProblem>> ReadDocument(
        Guid id, string field, AppDbContext db, AuditTrail audit, DocumentStore documents, CancellationToken cancellationToken) =>
        await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken) is { } qualification
            ? await DocumentReads.ServeAsync(qualification, field, db, audit, documents, cancellationToken)
            : NotFound(id);

    private static async Task<Results<Ok<ReviewItem>, ApiProblem>> Approve(
        Guid id, ApproveRequest? request, AppDbContext db, AuditTrail audit, CallerResolver callers, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request?.Note is { Length: > MaxNoteLength })
        {
            return ProblemTypes.Invalid("note", $"note is at most {MaxNoteLength} characters.").ToResult();
        }
        var qualification = await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (qualification is null)
        {
            return NotFound(id);
        }
        if (qualification.RiskLevel == RiskLevel.High)
        {
            return ProblemTypes.LegalRepVerificationRequired.With(
                "A high-risk qualification is approved only after its legal representative passes a real-person verification.").ToResult();
        }
        // An approved qualification takes the tenant out of the sandbox, in the same transaction as the decision.
        var decided = await DecideAsync(db, audit, qualification, QualificationStatus.Approved, request?.Note, clock, cancellationToken,
            () => db.Tenants.Where(t => t.Id == qualification.TenantId).ExecuteUpdateAsync(set => set.SetProperty(t => t.Mode, TenantMode.Live), cancellationToken));
        if (decided is null)
        {
            return NotPending(qualification).ToResult();
        }
        // The tenant's keys must see the new mode at once, not when their cache entries expire.
        foreach (var hash in await db.ApiKeys.Where(k => k.TenantId == qualification.TenantId).Select(k => k.Hash).ToListAsync(cancellationToken))
        {
            callers.Forget(hash);
        }
        return TypedResults.Ok(Item(decided));
    }

    private static async Task<Results<Ok<ReviewItem>, ApiProblem>> Reject(
        Guid id, RejectRequest request, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxNoteLength)
        {
            return ProblemTypes.Invalid("reason", $"reason is required (the tenant reads it), at most {MaxNoteLength} characters.").ToResult();
        }
        var qualification = await db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (qualification is null)
        {
            return NotFound(id);
        }
        var decided = await DecideAsync(db, audit, qualification, QualificationStatus.Rejected, request.Reason.Trim(), clock, cancellationToken);
        return decided is null ? NotPending(qualification).ToResult() : TypedResults.Ok(Item(decided));
    }

    /// <summary>Records the decision if the item is still pending (two auditors deciding at once: one wins).</summary>
    private static async Task<Qualification?> DecideAsync(
        AppDbContext db, AuditTrail audit, Qualification qualification, QualificationStatus decision, string? note, TimeProvider clock,
        CancellationToken cancellationToken, Func<Task<int>>? alsoWhenDecided = null)
    {
        var now = clock.UtcNowForStorage();
        var actor = audit.CurrentActor;
        var action = decision == QualificationStatus.Approved ? "qualification.approved" : "qualification.rejected";
        var updated = await audit.RunAsync(db, async () =>
        {
            var count = await db.Qualifications.Where(q => q.Id == qualification.Id && q.Status == QualificationStatus.PendingReview)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(q => q.Status, decision)
                    .SetProperty(q => q.DecidedAt, now)
                    .SetProperty(q => q.DecidedBy, actor)
                    .SetProperty(q => q.DecisionNote, note), cancellationToken);
            if (count == 1 && alsoWhenDecided is not null)
            {
                await alsoWhenDecided();
            }
            return (count, count == 1 ? new AuditEntry(action, $"qualification:{qualification.Id}", qualification.TenantId, note) : null);
        }, cancellationToken);
        return updated == 1 ? await db.Qualifications.AsNoTracking().FirstAsync(q => q.Id == qualification.Id, cancellationToken) : null;
    }

    private static ReviewItem Item(Qualification q) => new(q.Id, QualificationKind, q.TenantId, QualificationView.From(q));

    private static ApiProblem NotFound(Guid id) => ProblemTypes.ReviewItemNotFound.With($"No review item has id {id}.").ToResult();

    private static ApiError NotPending(Qualification q) =>
        ProblemTypes.ReviewItemNotPending.With($"Qualification {q.Id} was already decided.") with
        {
            Extensions = new Dictionary<string, object?> { ["itemId"] = q.Id },
        };
}
