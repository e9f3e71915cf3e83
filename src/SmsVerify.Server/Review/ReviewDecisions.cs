using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Review;

/// <summary>
/// Records decisions the same way for every kind: only while the item is pending (two auditors at once: one
/// wins), with the audit record, the tenant's <c>review.completed</c> event and any consequence in one transaction.
/// </summary>
public sealed class ReviewDecisions(AuditTrail audit, WebhookOutbox webhooks, ClusterCache cache, TimeProvider clock)
{
    /// <summary>
    /// Decides <paramref name="item"/>; <paramref name="alsoWhenDecided"/> runs inside the transaction only if this
    /// call won. Returns false if the item was no longer pending. <paramref name="actor"/> overrides the caller
    /// when a rule, not a person, decides.
    /// </summary>
    public async Task<bool> DecideAsync<T>(
        AppDbContext db, T item, string kind, ReviewStatus decision, string? note, CancellationToken cancellationToken,
        Func<Task>? alsoWhenDecided = null, string? actor = null)
        where T : class, IReviewable
    {
        var now = clock.UtcNowForStorage();
        var who = actor ?? audit.CurrentActor;
        var action = $"{kind}.{(decision == ReviewStatus.Approved ? "approved" : "rejected")}";
        var won = await audit.RunAsync(db, async () =>
        {
            var count = await db.Set<T>().Where(x => x.Id == item.Id && x.Status == ReviewStatus.PendingReview)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(x => x.Status, decision)
                    .SetProperty(x => x.DecidedAt, now)
                    .SetProperty(x => x.DecidedBy, who)
                    .SetProperty(x => x.DecisionNote, note), cancellationToken);
            if (count != 1)
            {
                return (false, (AuditEntry?)null);
            }
            if (alsoWhenDecided is not null)
            {
                await alsoWhenDecided();
            }
            await webhooks.EnqueueAsync(db, item.TenantId, WebhooksApi.ReviewCompletedEvent, new ReviewCompleted(item.Id, kind, decision, note, now), cancellationToken);
            return (true, new AuditEntry(action, $"{kind}:{item.Id}", item.TenantId, note, actor));
        }, cancellationToken);
        if (won)
        {
            // A rejected signature or template stops sending on this node at once (approved ones are read when first sent).
            cache.ForgetTenant(TenantCache.ApprovedContent, item.TenantId);
            webhooks.Wake();
        }
        return won;
    }
}
