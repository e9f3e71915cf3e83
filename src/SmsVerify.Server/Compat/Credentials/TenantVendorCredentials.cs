using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Compat.Credentials;

/// <summary>
/// A tenant's credential pairs for the vendor-compatible APIs, made, listed and revoked (each step audited):
/// <c>/v1/api-credentials</c> and the console both call it.
/// </summary>
public sealed class TenantVendorCredentials(AppDbContext db, VendorCredentials credentials, AuditTrail audit, TimeProvider clock)
{
    public const int MaxInForce = 20;

    /// <summary>A new pair for <paramref name="vendorName"/> (alibaba, tencent or twilio); the secret is in this answer only.</summary>
    public async Task<Outcome<CreatedApiCredential>> CreateAsync(Guid tenantId, string? vendorName, CancellationToken cancellationToken)
    {
        if (!EnumInput.TryParse<Vendor>(vendorName, out var vendor))
        {
            return ProblemTypes.Invalid("vendor", "vendor must be alibaba, tencent or twilio.");
        }
        if (await db.VendorCredentials.CountAsync(c => c.TenantId == tenantId && c.RevokedAt == null, cancellationToken) >= MaxInForce)
        {
            return ProblemTypes.TooManyApiCredentials.With($"Your tenant already holds {MaxInForce} credentials in force.");
        }
        var (keyId, secret, appId) = await FreshAsync(vendor, cancellationToken);
        var id = Guid.CreateVersion7();
        var row = new VendorCredential
        {
            Id = id,
            TenantId = tenantId,
            Vendor = vendor,
            KeyId = keyId,
            SecretSeal = credentials.Seal(id, secret),
            AppId = appId,
            CreatedAt = clock.UtcNowForStorage(),
        };
        db.VendorCredentials.Add(row);
        await audit.SaveChangesAsync(db, new AuditEntry("api_credential.created", $"api_credential:{id}", tenantId, $"{vendor} {keyId}"), cancellationToken);
        return new CreatedApiCredential(id, vendor, keyId, secret, appId, row.CreatedAt);
    }

    public Task<List<ApiCredentialView>> ListAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.VendorCredentials.AsNoTracking().Where(c => c.TenantId == tenantId).OrderBy(c => c.CreatedAt)
            .Select(c => new ApiCredentialView(c.Id, c.Vendor, c.KeyId, c.AppId, c.CreatedAt, c.RevokedAt, c.FailedAttempts, c.LastFailedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Revoked, not deleted: the audit trail and the messages sent with it keep naming it.</summary>
    public async Task<ApiError?> RevokeAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.VendorCredentials.FirstOrDefaultAsync(c => c.Id == id && c.TenantId == tenantId && c.RevokedAt == null, cancellationToken);
        if (row is null)
        {
            return ProblemTypes.ApiCredentialNotFound.With($"Your tenant has no credential in force with id {id}.");
        }
        row.RevokedAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("api_credential.revoked", $"api_credential:{id}", tenantId, $"{row.Vendor} {row.KeyId}"), cancellationToken);
        credentials.Forget(row.Vendor, row.KeyId);
        return null;
    }

    /// <summary>A new pair; Tencent's app id has only a million values, so one already taken is drawn again.</summary>
    private async Task<(string KeyId, string Secret, string? AppId)> FreshAsync(Vendor vendor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var fresh = VendorCredentialSecrets.New(vendor);
            if (fresh.AppId is null || !await db.VendorCredentials.AnyAsync(c => c.AppId == fresh.AppId, cancellationToken))
            {
                return fresh;
            }
        }
    }
}
