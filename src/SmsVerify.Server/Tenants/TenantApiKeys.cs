using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Tenants;

/// <summary>A tenant's API keys, made, listed and deleted (each step audited): <c>/v1/api-keys</c> and the console both call it.</summary>
public sealed class TenantApiKeys(AppDbContext db, AuditTrail audit, CallerResolver resolver, TimeProvider clock)
{
    /// <summary>A new key: the secret is in this answer and nowhere else, ever (only its hash is stored).</summary>
    public async Task<CreatedApiKey> CreateAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var key = ApiKeySecrets.New(ApiKeySecrets.TenantPrefix);
        var row = new ApiKey
        {
            TenantId = tenantId,
            Hash = ApiKeySecrets.Hash(key),
            Prefix = ApiKeySecrets.Prefix(key),
            CreatedAt = clock.UtcNowForStorage(),
        };
        db.ApiKeys.Add(row);
        await audit.SaveChangesAsync(db, new AuditEntry("api_key.created", $"api_key:{row.Id}", row.TenantId), cancellationToken);
        return new CreatedApiKey(row.Id, row.Prefix, row.CreatedAt, key);
    }

    public Task<List<ApiKeyView>> ListAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId).OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeyView(k.Id, k.Prefix, k.CreatedAt)).ToListAsync(cancellationToken);

    /// <summary>Deletes the key, and forgets it at once on every node; never the last one.</summary>
    public async Task<ApiError?> DeleteAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.TenantId == tenantId, cancellationToken);
        if (key is null)
        {
            return ProblemTypes.ApiKeyNotFound.With($"Your tenant has no API key with id {id}.");
        }
        if (await db.ApiKeys.CountAsync(k => k.TenantId == tenantId, cancellationToken) == 1)
        {
            return ProblemTypes.LastApiKey.With("Create another key before deleting the last one.");
        }
        db.ApiKeys.Remove(key);
        await audit.SaveChangesAsync(db, new AuditEntry("api_key.deleted", $"api_key:{key.Id}", tenantId), cancellationToken);
        resolver.Forget(key.Hash);
        return null;
    }
}
