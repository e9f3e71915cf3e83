using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Tenants;

/// <summary>
/// An admin suspends a tenant: its keys still sign in and read, but the send pipeline refuses every send
/// (<c>tenant_suspended</c>). The pipeline asks <see cref="RefusalAsync"/> on every send, so the answer is cached for
/// <see cref="CacheFor"/>: a suspension or resumption is forgotten at once on every node (<see cref="ClusterCache"/>).
/// </summary>
public sealed class TenantSuspensions(AppDbContext db, AuditTrail audit, IMemoryCache cache, ClusterCache cluster, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = CallerResolver.CacheFor;

    private const string CacheKind = "tenant-suspended";

    /// <summary>The refusal for a suspended tenant's send, or null.</summary>
    public async ValueTask<ApiError?> RefusalAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var since = await cache.GetOrReadAsync(CacheKind, tenantId, CacheFor, (db, tenantId, cancellationToken),
            static s => s.db.Tenants.AsNoTracking().Where(t => t.Id == s.tenantId).Select(t => t.SuspendedAt).FirstOrDefaultAsync(s.cancellationToken));
        return since is { } at
            ? ProblemTypes.TenantSuspended.With($"Your tenant is suspended since {at:O}; sends are refused until an operator resumes it.")
            : null;
    }

    public Task<Outcome<TenantView>> SuspendAsync(Guid id, CancellationToken cancellationToken) =>
        SetAsync(id, clock.UtcNowForStorage(), "tenant.suspended", cancellationToken);

    public Task<Outcome<TenantView>> ResumeAsync(Guid id, CancellationToken cancellationToken) =>
        SetAsync(id, null, "tenant.resumed", cancellationToken);

    /// <summary>Suspending a suspended tenant (or resuming an active one) changes nothing and audits nothing.</summary>
    private async Task<Outcome<TenantView>> SetAsync(Guid id, DateTime? suspendedAt, string action, CancellationToken cancellationToken)
    {
        if (await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } tenant)
        {
            return ProblemTypes.TenantNotFound.With($"No tenant has id {id}.");
        }
        if ((tenant.SuspendedAt is null) != (suspendedAt is null))
        {
            tenant.SuspendedAt = suspendedAt;
            await audit.SaveChangesAsync(db, new AuditEntry(action, $"tenant:{id}", id), cancellationToken);
        }
        cluster.ForgetTenant(CacheKind, id);
        return TenantView.From(tenant);
    }
}
