using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.Templates;

/// <summary>Templates in the queue: an auditor reads the content, its findings and its scenario, and decides.</summary>
internal sealed class TemplateReviewKind(AppDbContext db, ReviewDecisions decisions) : IReviewKind
{
    public const string KindName = "template";

    public string Kind => KindName;

    public async Task<List<ReviewItem>> ListAsync(ReviewStatus status, int limit, CancellationToken cancellationToken) =>
        (await db.Templates.AsNoTracking().Where(t => t.Status == status).OrderBy(t => t.SubmittedAt).Take(limit).ToListAsync(cancellationToken))
            .ConvertAll(Item);

    public async Task<ReviewItem?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } t ? Item(t) : null;

    public Task<Outcome<ReviewItem>> ApproveAsync(Guid id, ApproveRequest request, CancellationToken cancellationToken) =>
        DecideAsync(id, ReviewStatus.Approved, request.Note, cancellationToken);

    public Task<Outcome<ReviewItem>> RejectAsync(Guid id, string reason, CancellationToken cancellationToken) =>
        DecideAsync(id, ReviewStatus.Rejected, reason, cancellationToken);

    public Task<Results<FileContentHttpResult, ApiProblem>> ReadDocumentAsync(Guid id, string field, CancellationToken cancellationToken) =>
        Task.FromResult<Results<FileContentHttpResult, ApiProblem>>(
            ProblemTypes.DocumentNotFound.With($"template:{id} has no documents.").ToResult());

    private async Task<Outcome<ReviewItem>> DecideAsync(Guid id, ReviewStatus decision, string? note, CancellationToken cancellationToken)
    {
        var template = (await LoadAsync(id, cancellationToken))!;
        return await decisions.DecideAsync(db, template, Kind, decision, note, cancellationToken)
            ? Item((await LoadAsync(id, cancellationToken))!)
            : ReviewApi.NotPending(Kind, id);
    }

    private Task<SmsTemplate?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    private static ReviewItem Item(SmsTemplate t) => ReviewItem.From(t, KindName, TemplateView.From(t), []);
}
