using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.LandingApps;

/// <summary>
/// Landing applications in the queue. One is approved only once the tenant has an approved qualification whose
/// subject is the application's filing subject: the trinity holds at the moment of approval, not only at submission.
/// </summary>
internal sealed class LandingAppReview(AppDbContext db, ReviewDecisions decisions) : IReviewKind
{
    public const string KindName = "application";

    public string Kind => KindName;

    public async Task<List<ReviewItem>> ListAsync(ReviewStatus status, int limit, CancellationToken cancellationToken) =>
        (await db.LandingApps.AsNoTracking().Where(a => a.Status == status).OrderBy(a => a.SubmittedAt).Take(limit).ToListAsync(cancellationToken))
            .ConvertAll(Item);

    public async Task<ReviewItem?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } app ? Item(app) : null;

    public async Task<Outcome<ReviewItem>> ApproveAsync(Guid id, ApproveRequest request, CancellationToken cancellationToken)
    {
        var app = (await LoadAsync(id, cancellationToken))!;
        var subjectApproved = await db.Qualifications.AnyAsync(
            q => q.TenantId == app.TenantId && q.Status == ReviewStatus.Approved && q.SubjectName == app.FilingSubject, cancellationToken);
        if (!subjectApproved)
        {
            return ProblemTypes.QualificationNotApproved.With(
                $"Approve the tenant's qualification for \"{app.FilingSubject}\" first: the application is filed under that subject.");
        }
        return await decisions.DecideAsync(db, app, Kind, ReviewStatus.Approved, request.Note, cancellationToken)
            ? Item((await LoadAsync(id, cancellationToken))!)
            : ReviewApi.NotPending(Kind, id);
    }

    public async Task<Outcome<ReviewItem>> RejectAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var app = (await LoadAsync(id, cancellationToken))!;
        return await decisions.DecideAsync(db, app, Kind, ReviewStatus.Rejected, reason, cancellationToken)
            ? Item((await LoadAsync(id, cancellationToken))!)
            : ReviewApi.NotPending(Kind, id);
    }

    public Task<Results<FileContentHttpResult, ApiProblem>> ReadDocumentAsync(Guid id, string field, CancellationToken cancellationToken) =>
        Task.FromResult<Results<FileContentHttpResult, ApiProblem>>(
            ProblemTypes.DocumentNotFound.With($"application:{id} has no documents; its filing is checked by number.").ToResult());

    private Task<LandingApp?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.LandingApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    private static ReviewItem Item(LandingApp a) => ReviewItem.From(a, KindName, LandingAppView.From(a), []);
}
