using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.LandingApps;

/// <summary>
/// Landing applications in the queue. One is approved only once the tenant has an approved qualification whose
/// subject is the application's filing subject: the trinity holds at the moment of approval, not only at submission.
/// Its filing is checked by number, so it has no documents.
/// </summary>
internal sealed class LandingAppReview(ReviewServices services) : ReviewKind<LandingApp>(services)
{
    public const string KindName = "application";

    public override string Kind => KindName;

    protected override object View(LandingApp entity) => LandingAppView.From(entity);

    /// <summary>A resubmitted application names the one it replaces: the chain back is its history.</summary>
    protected override async Task<List<LandingApp>> EarlierAsync(LandingApp entity, CancellationToken cancellationToken)
    {
        List<LandingApp> earlier = [];
        for (var replaces = entity.ReplacesId; replaces is { } id && earlier.Count < MaxEarlier;)
        {
            var app = await Db.LandingApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.TenantId == entity.TenantId, cancellationToken);
            if (app is null)
            {
                break;
            }
            earlier.Add(app);
            replaces = app.ReplacesId;
        }
        return earlier;
    }

    protected override async Task<ApiError?> ApprovalBlockedAsync(LandingApp entity, CancellationToken cancellationToken) =>
        await Db.Qualifications.AnyAsync(
            q => q.TenantId == entity.TenantId && q.Status == ReviewStatus.Approved && q.SubjectName == entity.FilingSubject, cancellationToken)
            ? null
            : ProblemTypes.QualificationNotApproved.With(
                $"Approve the tenant's qualification for \"{entity.FilingSubject}\" first: the application is filed under that subject.");
}
