using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Tenants;

public sealed record CreateTenantRequest(string? Name, string? Kind);

public sealed record TenantView(Guid Id, string Name, TenantKind Kind, TenantMode Mode, DateTime CreatedAt);

/// <summary>The answer to creating a tenant: the tenant and its first key, which is never shown again.</summary>
public sealed record CreatedTenant(Guid Id, string Name, TenantKind Kind, TenantMode Mode, DateTime CreatedAt, string ApiKey);

public static class TenantsApi
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapTenants(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/tenants").WithTags("Tenants").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateTenant);
        group.MapGet("/{id:guid}", GetTenant);
        return group;
    }

    private static async Task<Results<Created<CreatedTenant>, ApiProblem>> CreateTenant(
        CreateTenantRequest request, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return ProblemTypes.Invalid("name", $"name is required, 1 to {MaxNameLength} characters.").ToResult();
        }
        if (!EnumInput.TryParse<TenantKind>(request.Kind, out var kind))
        {
            return ProblemTypes.Invalid("kind", "kind must be \"personal\" or \"enterprise\".").ToResult();
        }
        var now = clock.UtcNowForStorage();
        var tenant = new Tenant { Name = name, Kind = kind, CreatedAt = now };
        var key = ApiKeySecrets.New(ApiKeySecrets.TenantPrefix);
        db.Tenants.Add(tenant);
        db.ApiKeys.Add(new ApiKey { TenantId = tenant.Id, Hash = ApiKeySecrets.Hash(key), Prefix = ApiKeySecrets.Prefix(key), CreatedAt = now });
        await audit.SaveChangesAsync(db, new AuditEntry("tenant.created", $"tenant:{tenant.Id}", tenant.Id, $"kind={tenant.Kind}"), cancellationToken);
        return TypedResults.Created($"/v1/tenants/{tenant.Id}",
            new CreatedTenant(tenant.Id, tenant.Name, tenant.Kind, tenant.Mode, tenant.CreatedAt, key));
    }

    private static async Task<Results<Ok<TenantView>, ApiProblem>> GetTenant(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FindAsync([id], cancellationToken);
        return tenant is null
            ? ProblemTypes.TenantNotFound.With($"No tenant has id {id}.").ToResult()
            : TypedResults.Ok(new TenantView(tenant.Id, tenant.Name, tenant.Kind, tenant.Mode, tenant.CreatedAt));
    }
}
