using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.RealPerson;

/// <summary>
/// Real-person checks of the <c>manual</c> provider: the auditor compares the selfie or video with the ID card
/// images of the qualification (linked in the item) and decides, naming the person as the ID names them.
/// </summary>
internal sealed class RealPersonReview(AppDbContext db, RealPersonService service, AuditTrail audit, DocumentStore documents) : IReviewKind
{
    public const string KindName = "real_person";

    public string Kind => KindName;

    public async Task<List<ReviewItem>> ListAsync(ReviewStatus status, int limit, CancellationToken cancellationToken)
    {
        var checks = await db.RealPersonChecks.AsNoTracking().Where(c => c.Status == status).OrderBy(c => c.SubmittedAt).Take(limit).ToListAsync(cancellationToken);
        var ids = checks.Select(c => c.QualificationId).Distinct().ToList();
        var qualifications = await db.Qualifications.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, cancellationToken);
        return checks.ConvertAll(c => Item(c, qualifications.GetValueOrDefault(c.QualificationId)));
    }

    public async Task<ReviewItem?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.RealPersonChecks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } check
            ? Item(check, await QualificationAsync(check, cancellationToken))
            : null;

    public async Task<Outcome<ReviewItem>> ApproveAsync(Guid id, ApproveRequest request, CancellationToken cancellationToken)
    {
        if (request.VerifiedName is { Length: > QualificationForm.MaxNameLength })
        {
            return ProblemTypes.Invalid("verifiedName", $"verifiedName is at most {QualificationForm.MaxNameLength} characters.");
        }
        var check = (await db.RealPersonChecks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken))!;
        var result = new RealPersonResult(RealPersonVerdict.Passed, request.VerifiedName?.Trim() ?? check.DeclaredName, request.Note);
        return await service.RecordAsync(check, result, actor: null, cancellationToken)
            ? (await FindAsync(id, cancellationToken))!
            : ReviewApi.NotPending(Kind, id);
    }

    public async Task<Outcome<ReviewItem>> RejectAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var check = (await db.RealPersonChecks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken))!;
        return await service.RecordAsync(check, new RealPersonResult(RealPersonVerdict.Failed, Reason: reason), actor: null, cancellationToken)
            ? (await FindAsync(id, cancellationToken))!
            : ReviewApi.NotPending(Kind, id);
    }

    /// <summary>The check's own media, and the qualification's ID card images to compare it with.</summary>
    public async Task<Results<FileContentHttpResult, ApiProblem>> ReadDocumentAsync(Guid id, string field, CancellationToken cancellationToken)
    {
        var check = (await db.RealPersonChecks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken))!;
        var qualification = await QualificationAsync(check, cancellationToken);
        return await DocumentReads.ServeAsync(check.TenantId, $"real_person:{id}", Documents(check, qualification), field, db, audit, documents, cancellationToken);
    }

    private Task<Qualification?> QualificationAsync(RealPersonCheck check, CancellationToken cancellationToken) =>
        db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == check.QualificationId, cancellationToken);

    private static IEnumerable<DocumentRef> Documents(RealPersonCheck check, Qualification? qualification) =>
        qualification is null ? [check.Media] : [check.Media, .. qualification.Documents.Where(d => d.Field != check.Media.Field)];

    private static ReviewItem Item(RealPersonCheck check, Qualification? qualification) =>
        ReviewItem.From(check, KindName, RealPersonCheckView.From(check), Documents(check, qualification));
}
