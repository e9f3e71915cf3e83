using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.Signatures;

/// <summary>Signatures in the queue, with their proof documents (trademark certificate, power of attorney, …).</summary>
internal sealed class SignatureReviewKind(AppDbContext db, ReviewDecisions decisions, AuditTrail audit, DocumentStore documents) : IReviewKind
{
    public const string KindName = "signature";

    public string Kind => KindName;

    public async Task<List<ReviewItem>> ListAsync(ReviewStatus status, int limit, CancellationToken cancellationToken) =>
        (await db.Signatures.AsNoTracking().Where(s => s.Status == status).OrderBy(s => s.SubmittedAt).Take(limit).ToListAsync(cancellationToken))
            .ConvertAll(Item);

    public async Task<ReviewItem?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } s ? Item(s) : null;

    public Task<Outcome<ReviewItem>> ApproveAsync(Guid id, ApproveRequest request, CancellationToken cancellationToken) =>
        DecideAsync(id, ReviewStatus.Approved, request.Note, cancellationToken);

    public Task<Outcome<ReviewItem>> RejectAsync(Guid id, string reason, CancellationToken cancellationToken) =>
        DecideAsync(id, ReviewStatus.Rejected, reason, cancellationToken);

    public async Task<Results<FileContentHttpResult, ApiProblem>> ReadDocumentAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        var signature = (await LoadAsync(id, cancellationToken))!;
        return await DocumentReads.ServeAsync(signature.TenantId, $"signature:{id}", signature.Documents, field, db, audit, documents, cancellationToken);
    }

    private async Task<Outcome<ReviewItem>> DecideAsync(Guid id, ReviewStatus decision, string? note, CancellationToken cancellationToken)
    {
        var signature = (await LoadAsync(id, cancellationToken))!;
        return await decisions.DecideAsync(db, signature, Kind, decision, note, cancellationToken)
            ? Item((await LoadAsync(id, cancellationToken))!)
            : ReviewApi.NotPending(Kind, id);
    }

    private Task<Signature?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    private static ReviewItem Item(Signature s) => ReviewItem.From(s, KindName, SignatureView.From(s), s.Documents);
}
