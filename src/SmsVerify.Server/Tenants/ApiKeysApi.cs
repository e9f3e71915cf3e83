using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
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
        group.MapPost("/", CreateKey).Describe("createApiKey", "Create an API key", "The key is shown once; only its hash is stored.");
        group.MapGet("/", ListKeys).Describe("listApiKeys", "List API keys", "Prefixes and creation times; never the keys.");
        group.MapDelete("/{id:guid}", DeleteKey).Describe("deleteApiKey", "Delete an API key", "It stops working at once; the last key stays.")
            .Answers(ProblemTypes.ApiKeyNotFound, ProblemTypes.LastApiKey);
        return group;
    }

    private static async Task<Created<CreatedApiKey>> CreateKey(ClaimsPrincipal user, TenantApiKeys keys, CancellationToken cancellationToken)
    {
        var created = await keys.CreateAsync(user.TenantId(), cancellationToken);
        return TypedResults.Created($"/v1/api-keys/{created.Id}", created);
    }

    private static async Task<Ok<List<ApiKeyView>>> ListKeys(ClaimsPrincipal user, TenantApiKeys keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(user.TenantId(), cancellationToken));

    private static async Task<Results<NoContent, ApiProblem>> DeleteKey(Guid id, ClaimsPrincipal user, TenantApiKeys keys, CancellationToken cancellationToken) =>
        await keys.DeleteAsync(user.TenantId(), id, cancellationToken) is { } error ? error.ToResult() : TypedResults.NoContent();
}
