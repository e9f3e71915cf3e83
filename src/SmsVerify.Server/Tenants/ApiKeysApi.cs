using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Tenants;

public sealed record ApiKeyView(Guid Id, string Prefix, DateTime CreatedAt);

public sealed record CreatedApiKey(Guid Id, string Prefix, DateTime CreatedAt, string ApiKey);

/// <summary>A tenant manages its own keys; it can never see or touch another tenant's.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/api-keys").WithTags("API keys").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", CreateKey);
        group.MapGet("/", ListKeys);
        group.MapDelete("/{id:guid}", DeleteKey);
        return group;
    }

    private static async Task<Created<CreatedApiKey>> CreateKey(
        ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = ApiKeySecrets.New(ApiKeySecrets.TenantPrefix);
        var row = new ApiKey
        {
            TenantId = user.TenantId(),
            Hash = ApiKeySecrets.Hash(key),
            Prefix = ApiKeySecrets.Prefix(key),
            CreatedAt = clock.UtcNowForStorage(),
        };
        db.ApiKeys.Add(row);
        await audit.SaveChangesAsync(db, new AuditEntry("api_key.created", $"api_key:{row.Id}", row.TenantId), cancellationToken);
        return TypedResults.Created($"/v1/api-keys/{row.Id}", new CreatedApiKey(row.Id, row.Prefix, row.CreatedAt, key));
    }

    private static async Task<Ok<List<ApiKeyView>>> ListKeys(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var keys = await db.ApiKeys.Where(k => k.TenantId == tenantId)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeyView(k.Id, k.Prefix, k.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(keys);
    }

    private static async Task<Results<NoContent, ApiProblem>> DeleteKey(
        Guid id, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, CallerResolver resolver, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.TenantId == tenantId, cancellationToken);
        if (key is null)
        {
            return ProblemTypes.ApiKeyNotFound.With($"Your tenant has no API key with id {id}.").ToResult();
        }
        if (await db.ApiKeys.CountAsync(k => k.TenantId == tenantId, cancellationToken) == 1)
        {
            return ProblemTypes.LastApiKey.With("Create another key before deleting the last one.").ToResult();
        }
        db.ApiKeys.Remove(key);
        await audit.SaveChangesAsync(db, new AuditEntry("api_key.deleted", $"api_key:{key.Id}", tenantId), cancellationToken);
        resolver.Forget(key.Hash);
        return TypedResults.NoContent();
    }
}
