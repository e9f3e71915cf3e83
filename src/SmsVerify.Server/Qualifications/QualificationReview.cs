using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Qualifications;

/// <summary>
/// Qualifications in the queue. Approval needs a passed real-person check where one is due (every personal
/// qualification; a high-risk enterprise), and takes the tenant out of the sandbox in the same transaction.
/// </summary>
internal sealed class QualificationReview(ReviewServices services, CallerResolver callers) : ReviewKind<Qualification>(services)
{
    public const string KindName = "qualification";

    public override string Kind => KindName;

    protected override object View(Qualification entity) => QualificationView.From(entity);

    protected override Task<IReadOnlyList<DocumentRef>> DocumentsAsync(Qualification entity, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DocumentRef>>(entity.Documents);

    /// <summary>A tenant's qualifications are one line of versions: every earlier one is what this one resubmits.</summary>
    protected override Task<List<Qualification>> EarlierAsync(Qualification entity, CancellationToken cancellationToken) =>
        Db.Qualifications.AsNoTracking().Where(q => q.TenantId == entity.TenantId && q.Version < entity.Version)
            .OrderByDescending(q => q.Version).Take(MaxEarlier).ToListAsync(cancellationToken);

    /// <summary>The person a qualification names must have passed a real-person check before it is approved, where one is due.</summary>
    protected override async Task<ApiError?> ApprovalBlockedAsync(Qualification entity, CancellationToken cancellationToken)
    {
        var due = entity.Kind == TenantKind.Personal || entity.RiskLevel == RiskLevel.High;
        if (!due || await Db.RealPersonChecks.AnyAsync(c => c.QualificationId == entity.Id && c.Status == ReviewStatus.Approved, cancellationToken))
        {
            return null;
        }
        return entity.Kind == TenantKind.Personal
            ? ProblemTypes.RealPersonVerificationRequired.With("The holder has not passed a real-person verification yet.")
            : ProblemTypes.LegalRepVerificationRequired.With("A high-risk qualification is approved only after its legal representative passes a real-person verification.");
    }

    protected override async Task<bool> DecideAsync(
        Qualification entity, ReviewStatus decision, string? note, ApproveRequest? approval, CancellationToken cancellationToken)
    {
        if (decision != ReviewStatus.Approved)
        {
            return await base.DecideAsync(entity, decision, note, approval, cancellationToken);
        }
        var won = await Decisions.DecideAsync(Db, entity, Kind, decision, note, cancellationToken,
            () => Db.Tenants.Where(t => t.Id == entity.TenantId).ExecuteUpdateAsync(set => set.SetProperty(t => t.Mode, TenantMode.Live), cancellationToken));
        if (won)
        {
            // The tenant's keys must see the new mode at once, not when their cache entries expire.
            foreach (var hash in await Db.ApiKeys.Where(k => k.TenantId == entity.TenantId).Select(k => k.Hash).ToListAsync(cancellationToken))
            {
                callers.Forget(hash);
            }
        }
        return won;
    }
}
