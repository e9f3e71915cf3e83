using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.RealPerson;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Qualifications;

/// <summary>
/// Qualifications in the queue. Approval needs a passed real-person check where one is due (every personal
/// qualification; a high-risk enterprise), and takes the tenant out of the sandbox in the same transaction.
/// </summary>
internal sealed class QualificationReview(AppDbContext db, ReviewDecisions decisions, AuditTrail audit, DocumentStore documents, CallerResolver callers)
    : IReviewKind
{
    public const string KindName = "qualification";

    public string Kind => KindName;

    public async Task<List<ReviewItem>> ListAsync(ReviewStatus status, int limit, CancellationToken cancellationToken) =>
        (await db.Qualifications.AsNoTracking().Where(q => q.Status == status).OrderBy(q => q.SubmittedAt).Take(limit).ToListAsync(cancellationToken))
            .ConvertAll(Item);

    public async Task<ReviewItem?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } q ? Item(q) : null;

    public async Task<Outcome<ReviewItem>> ApproveAsync(Guid id, ApproveRequest request, CancellationToken cancellationToken)
    {
        var qualification = (await LoadAsync(id, cancellationToken))!;
        if (await MissingRealPersonCheckAsync(qualification, cancellationToken) is { } missing)
        {
            return missing;
        }
        var won = await decisions.DecideAsync(db, qualification, Kind, ReviewStatus.Approved, request.Note, cancellationToken,
            () => db.Tenants.Where(t => t.Id == qualification.TenantId).ExecuteUpdateAsync(set => set.SetProperty(t => t.Mode, TenantMode.Live), cancellationToken));
        if (!won)
        {
            return NotPending(id);
        }
        // The tenant's keys must see the new mode at once, not when their cache entries expire.
        foreach (var hash in await db.ApiKeys.Where(k => k.TenantId == qualification.TenantId).Select(k => k.Hash).ToListAsync(cancellationToken))
        {
            callers.Forget(hash);
        }
        return Item((await LoadAsync(id, cancellationToken))!);
    }

    public async Task<Outcome<ReviewItem>> RejectAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var qualification = (await LoadAsync(id, cancellationToken))!;
        return await decisions.DecideAsync(db, qualification, Kind, ReviewStatus.Rejected, reason, cancellationToken)
            ? Item((await LoadAsync(id, cancellationToken))!)
            : NotPending(id);
    }

    public async Task<Results<FileContentHttpResult, ApiProblem>> ReadDocumentAsync(Guid id, string field, CancellationToken cancellationToken) =>
        await DocumentReads.ServeAsync((await LoadAsync(id, cancellationToken))!, field, db, audit, documents, cancellationToken);

    /// <summary>The person a qualification names must have passed a real-person check before it is approved, where one is due.</summary>
    private async Task<ApiError?> MissingRealPersonCheckAsync(Qualification qualification, CancellationToken cancellationToken)
    {
        var due = qualification.Kind == TenantKind.Personal || qualification.RiskLevel == RiskLevel.High;
        if (!due || await db.RealPersonChecks.AnyAsync(c => c.QualificationId == qualification.Id && c.Status == ReviewStatus.Approved, cancellationToken))
        {
            return null;
        }
        return qualification.Kind == TenantKind.Personal
            ? ProblemTypes.RealPersonVerificationRequired.With("The holder has not passed a real-person verification yet.")
            : ProblemTypes.LegalRepVerificationRequired.With("A high-risk qualification is approved only after its legal representative passes a real-person verification.");
    }

    private Task<Qualification?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken);

    private static ReviewItem Item(Qualification q) => ReviewItem.From(q, KindName, QualificationView.From(q), q.Documents);

    private static ApiError NotPending(Guid id) => ReviewApi.NotPending(KindName, id);
}
