using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Compat.Credentials;

public sealed record CreateApiCredentialRequest(string? Vendor);

/// <summary>A credential as listed: never its secret.</summary>
public sealed record ApiCredentialView(
    Guid Id, Vendor Vendor, string KeyId, string? AppId, DateTime CreatedAt, DateTime? RevokedAt, long FailedAttempts, DateTime? LastFailedAt);

/// <summary>A new credential: the secret is in this answer and nowhere else, ever.</summary>
public sealed record CreatedApiCredential(Guid Id, Vendor Vendor, string KeyId, string Secret, string? AppId, DateTime CreatedAt);

/// <summary>
/// <c>/v1/api-credentials</c>: a tenant's credential pairs for the vendor-compatible APIs (see docs/compat.md). Made
/// and revoked with a tenant API key, each step audited; a tenant never sees another's.
/// </summary>
public static class VendorCredentialsApi
{
    public const int MaxInForce = 20;

    public static RouteGroupBuilder MapVendorCredentials(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/api-credentials").WithTags("API credentials").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Create);
        group.MapGet("/", List);
        group.MapDelete("/{id:guid}", Revoke);
        return group;
    }

    private static async Task<Results<Created<CreatedApiCredential>, ApiProblem>> Create(
        CreateApiCredentialRequest request, ClaimsPrincipal user, AppDbContext db, VendorCredentials credentials, AuditTrail audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!EnumInput.TryParse<Vendor>(request.Vendor, out var vendor))
        {
            return ProblemTypes.Invalid("vendor", "vendor must be alibaba, tencent or twilio.").ToResult();
        }
        var tenantId = user.TenantId();
        if (await db.VendorCredentials.CountAsync(c => c.TenantId == tenantId && c.RevokedAt == null, cancellationToken) >= MaxInForce)
        {
            return ProblemTypes.TooManyApiCredentials.With($"Your tenant already holds {MaxInForce} credentials in force.").ToResult();
        }
        var (keyId, secret, appId) = await FreshAsync(db, vendor, cancellationToken);
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
        return TypedResults.Created($"/v1/api-credentials/{id}", new CreatedApiCredential(id, vendor, keyId, secret, appId, row.CreatedAt));
    }

    private static async Task<Ok<List<ApiCredentialView>>> List(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var rows = await db.VendorCredentials.Where(c => c.TenantId == tenantId).OrderBy(c => c.CreatedAt)
            .Select(c => new ApiCredentialView(c.Id, c.Vendor, c.KeyId, c.AppId, c.CreatedAt, c.RevokedAt, c.FailedAttempts, c.LastFailedAt))
            .AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }

    /// <summary>Revoked, not deleted: the audit trail and the messages sent with it keep naming it.</summary>
    private static async Task<Results<NoContent, ApiProblem>> Revoke(
        Guid id, ClaimsPrincipal user, AppDbContext db, VendorCredentials credentials, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var row = await db.VendorCredentials.FirstOrDefaultAsync(c => c.Id == id && c.TenantId == tenantId && c.RevokedAt == null, cancellationToken);
        if (row is null)
        {
            return ProblemTypes.ApiCredentialNotFound.With($"Your tenant has no credential in force with id {id}.").ToResult();
        }
        row.RevokedAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("api_credential.revoked", $"api_credential:{id}", tenantId, $"{row.Vendor} {row.KeyId}"), cancellationToken);
        credentials.Forget(row.Vendor, row.KeyId);
        return TypedResults.NoContent();
    }

    /// <summary>A new pair; Tencent's app id has only a million values, so one already taken is drawn again.</summary>
    private static async Task<(string KeyId, string Secret, string? AppId)> FreshAsync(AppDbContext db, Vendor vendor, CancellationToken cancellationToken)
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
