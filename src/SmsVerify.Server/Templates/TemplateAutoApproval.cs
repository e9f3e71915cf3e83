using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Templates;

/// <summary>
/// Decides the one case a rule can decide alone: a clean verification template of an approved enterprise. It is
/// the lowest-risk message there is, and the hosted platforms approve these within minutes too. The decision goes
/// through <see cref="ReviewDecisions"/> like an auditor's, so it is audited and sent as a webhook.
/// </summary>
public sealed class TemplateAutoApproval(ReviewDecisions decisions, IOptions<TemplateOptions> options)
{
    public const string Actor = "system:auto_approval";

    public async Task TryAsync(AppDbContext db, SmsTemplate template, CancellationToken cancellationToken)
    {
        if (!options.Value.AutoApprove || template.Type != TemplateType.Verification || template.Status != ReviewStatus.PendingReview
            || template.Findings.Count > 0)
        {
            return;
        }
        var approvedEnterprise = await db.Qualifications.AnyAsync(
            q => q.TenantId == template.TenantId && q.Kind == TenantKind.Enterprise && q.Status == ReviewStatus.Approved, cancellationToken);
        if (approvedEnterprise && await decisions.DecideAsync(db, template, TemplateReviewKind.KindName, ReviewStatus.Approved,
                "Approved automatically: a verification template with no findings from an approved enterprise.", cancellationToken, actor: Actor))
        {
            await db.Entry(template).ReloadAsync(cancellationToken);
        }
    }
}
