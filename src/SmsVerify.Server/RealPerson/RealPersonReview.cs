using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.RealPerson;

/// <summary>
/// Real-person checks of the <c>manual</c> provider: the auditor compares the selfie or video with the ID card
/// images of the qualification (linked in the item) and decides, naming the person as the ID names them.
/// </summary>
internal sealed class RealPersonReview(ReviewServices services, RealPersonService realPerson) : ReviewKind<RealPersonCheck>(services)
{
    public const string KindName = "real_person";

    public override string Kind => KindName;

    protected override object View(RealPersonCheck entity) => RealPersonCheckView.From(entity);

    /// <summary>The check's own media, and the qualification's ID card images to compare it with.</summary>
    protected override async Task<IReadOnlyList<DocumentRef>> DocumentsAsync(RealPersonCheck entity, CancellationToken cancellationToken) =>
        Documents(entity, await Db.Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.Id == entity.QualificationId, cancellationToken));

    /// <summary>One read of the qualifications for a whole page of checks.</summary>
    protected override async Task<List<ReviewItem>> ItemsAsync(List<RealPersonCheck> entities, CancellationToken cancellationToken)
    {
        var ids = entities.Select(c => c.QualificationId).Distinct().ToList();
        var qualifications = await Db.Qualifications.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, cancellationToken);
        return entities.ConvertAll(c => ReviewItem.From(c, Kind, View(c), Documents(c, qualifications.GetValueOrDefault(c.QualificationId))));
    }

    /// <summary>Approving names the person as the auditor read the ID (the declared name when omitted): another name fails the check.</summary>
    protected override Task<bool> DecideAsync(
        RealPersonCheck entity, ReviewStatus decision, string? note, ApproveRequest? approval, CancellationToken cancellationToken)
    {
        var result = decision == ReviewStatus.Approved
            ? new RealPersonResult(RealPersonVerdict.Passed, approval?.VerifiedName?.Trim() ?? entity.DeclaredName, note)
            : new RealPersonResult(RealPersonVerdict.Failed, Reason: note);
        return realPerson.RecordAsync(entity, result, actor: null, cancellationToken);
    }

    private static List<DocumentRef> Documents(RealPersonCheck check, Qualification? qualification) =>
        qualification is null ? [check.Media] : [check.Media, .. qualification.Documents.Where(d => d.Field != check.Media.Field)];
}
