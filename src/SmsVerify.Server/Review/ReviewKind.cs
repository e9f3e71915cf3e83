using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;

namespace SmsVerify.Server.Review;

/// <summary>Services every kind needs, bundled so a kind's constructor names only what is its own.</summary>
public sealed record ReviewServices(AppDbContext Db, ReviewDecisions Decisions, AuditTrail Audit, DocumentStore Documents);

/// <summary>
/// What every kind of the queue does alike: list and find rows of its table, decide them through
/// <see cref="ReviewDecisions"/> (pending only, audited, told to the tenant), and serve their documents with
/// every read audited. A kind adds its view, its documents, what blocks an approval, and what a decision also does.
/// </summary>
public abstract class ReviewKind<T>(ReviewServices services) : IReviewKind
    where T : class, IReviewable
{
    public abstract string Kind { get; }

    protected AppDbContext Db => services.Db;

    protected ReviewDecisions Decisions => services.Decisions;

    /// <summary>The submission as the queue shows it.</summary>
    protected abstract object View(T entity);

    /// <summary>The documents an auditor reads to decide; none by default.</summary>
    protected virtual Task<IReadOnlyList<DocumentRef>> DocumentsAsync(T entity, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DocumentRef>>([]);

    /// <summary>
    /// The earlier submissions <paramref name="entity"/> follows, newest first, at most <see cref="MaxEarlier"/>. None by
    /// default: a kind changed in place (a template's next version) keeps no earlier rows, only its audit trail.
    /// </summary>
    protected virtual Task<List<T>> EarlierAsync(T entity, CancellationToken cancellationToken) => Task.FromResult(new List<T>());

    public const int MaxEarlier = 10;

    /// <summary>Why this item may not be approved yet, if it may not.</summary>
    protected virtual Task<ApiError?> ApprovalBlockedAsync(T entity, CancellationToken cancellationToken) => Task.FromResult<ApiError?>(null);

    /// <summary>Records the decision; a kind whose decision has consequences adds them here. False if no longer pending.</summary>
    protected virtual Task<bool> DecideAsync(T entity, ReviewStatus decision, string? note, ApproveRequest? approval, CancellationToken cancellationToken) =>
        Decisions.DecideAsync(Db, entity, Kind, decision, note, cancellationToken);

    /// <summary>Queue entries for a page of rows; a kind whose documents live elsewhere may read them in one go.</summary>
    protected virtual async Task<List<ReviewItem>> ItemsAsync(List<T> entities, CancellationToken cancellationToken)
    {
        List<ReviewItem> items = new(entities.Count);
        foreach (var entity in entities)
        {
            items.Add(ReviewItem.From(entity, Kind, View(entity), await DocumentsAsync(entity, cancellationToken)));
        }
        return items;
    }

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) => Db.Set<T>().AnyAsync(x => x.Id == id, cancellationToken);

    public async Task<List<ReviewItem>> ListAsync(ReviewStatus status, int limit, CancellationToken cancellationToken) =>
        await ItemsAsync(await Db.Set<T>().AsNoTracking().Where(x => x.Status == status).OrderBy(x => x.SubmittedAt).Take(limit)
            .ToListAsync(cancellationToken), cancellationToken);

    public Task<DateTime?> OldestPendingAsync(CancellationToken cancellationToken) =>
        Db.Set<T>().Where(x => x.Status == ReviewStatus.PendingReview).MinAsync(x => (DateTime?)x.SubmittedAt, cancellationToken);

    public async Task<ReviewItem?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } entity ? (await ItemsAsync([entity], cancellationToken))[0] : null;

    public async Task<List<ReviewItem>> EarlierAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } entity ? await ItemsAsync(await EarlierAsync(entity, cancellationToken), cancellationToken) : [];

    public async Task<Outcome<ReviewItem>> ApproveAsync(Guid id, ApproveRequest request, CancellationToken cancellationToken)
    {
        var entity = (await LoadAsync(id, cancellationToken))!;
        if (await ApprovalBlockedAsync(entity, cancellationToken) is { } blocked)
        {
            return blocked;
        }
        return await DecidedAsync(await DecideAsync(entity, ReviewStatus.Approved, request.Note, request, cancellationToken), id, cancellationToken);
    }

    public async Task<Outcome<ReviewItem>> RejectAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var entity = (await LoadAsync(id, cancellationToken))!;
        return await DecidedAsync(await DecideAsync(entity, ReviewStatus.Rejected, reason, null, cancellationToken), id, cancellationToken);
    }

    public async Task<Results<FileContentHttpResult, ApiProblem>> ReadDocumentAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        var entity = (await LoadAsync(id, cancellationToken))!;
        return await DocumentReads.ServeAsync(entity.TenantId, $"{Kind}:{id}", await DocumentsAsync(entity, cancellationToken), field,
            Db, services.Audit, services.Documents, cancellationToken);
    }

    private Task<T?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        Db.Set<T>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);

    private async Task<Outcome<ReviewItem>> DecidedAsync(bool won, Guid id, CancellationToken cancellationToken) =>
        won ? (await FindAsync(id, cancellationToken))! : ReviewApi.NotPending(Kind, id);
}
