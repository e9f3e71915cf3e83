using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Tenants;

public sealed record CreateTenantRequest(string? Name, string? Kind);

/// <summary>A tenant as operators see it: balance in yuan; <c>suspendedAt</c> set while an admin has it suspended.</summary>
public sealed record TenantView(Guid Id, string Name, TenantKind Kind, TenantMode Mode, DateTime CreatedAt, decimal Balance, DateTime? SuspendedAt)
{
    public static TenantView From(Tenant t) => new(t.Id, t.Name, t.Kind, t.Mode, t.CreatedAt, Billing.Money.ToYuan(t.Balance), t.SuspendedAt);
}

/// <summary>The answer to creating a tenant: the tenant and its first key, which is never shown again.</summary>
public sealed record CreatedTenant(Guid Id, string Name, TenantKind Kind, TenantMode Mode, DateTime CreatedAt, string ApiKey);

public static class TenantsApi
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapTenants(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/tenants").WithTags("Tenants").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateTenant)
            .Example(new CreateTenantRequest("示例商城", "enterprise"))
            .Describe("createTenant", "Create a tenant", "A personal or enterprise tenant in sandbox mode, with its first API key (shown once).");
        group.MapGet("/", ListTenants).Describe("listTenants", "List tenants", "Filtered by `name`, paged with `limit`.");
        group.MapGet("/{id:guid}", GetTenant).Describe("getTenant", "Get a tenant", "Its mode, status and balance.").Answers(ProblemTypes.TenantNotFound);
        group.MapPost("/{id:guid}/suspend", (Guid id, TenantSuspensions suspensions, CancellationToken cancellationToken) =>
                Answer(suspensions.SuspendAsync(id, cancellationToken)))
            .Describe("suspendTenant", "Suspend a tenant", "Every send of the tenant is refused until it is resumed; its keys still read.")
            .Answers(ProblemTypes.TenantNotFound);
        group.MapPost("/{id:guid}/resume", (Guid id, TenantSuspensions suspensions, CancellationToken cancellationToken) =>
                Answer(suspensions.ResumeAsync(id, cancellationToken)))
            .Describe("resumeTenant", "Resume a tenant", "Its sends are taken again.").Answers(ProblemTypes.TenantNotFound);
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
        if (NameText.Refusal("name", request.Name) is { } unprintable)
        {
            return unprintable.ToResult();
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

    /// <summary>Newest first; <paramref name="name"/> matches a part of the name in any case.</summary>
    private static async Task<Results<Ok<List<TenantView>>, ApiProblem>> ListTenants(
        string? name, int? limit, TenantDirectory directory, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > TenantDirectory.MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit is 1 to {TenantDirectory.MaxPage}.").ToResult();
        }
        if (name is { Length: > MaxNameLength })
        {
            return ProblemTypes.Invalid("name", $"name is at most {MaxNameLength} characters.").ToResult();
        }
        return TypedResults.Ok(await directory.ListAsync(name, limit ?? 50, 0, cancellationToken));
    }

    private static async Task<Results<Ok<TenantView>, ApiProblem>> Answer(Task<Outcome<TenantView>> change)
    {
        var changed = await change;
        return changed.Error is { } error ? error.ToResult() : TypedResults.Ok(changed.Value!);
    }

    private static async Task<Results<Ok<TenantView>, ApiProblem>> GetTenant(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FindAsync([id], cancellationToken);
        return tenant is null
            ? ProblemTypes.TenantNotFound.With($"No tenant has id {id}.").ToResult()
            : TypedResults.Ok(TenantView.From(tenant));
    }
}
