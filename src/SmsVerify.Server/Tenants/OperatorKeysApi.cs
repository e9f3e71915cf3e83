using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Tenants;

public sealed record CreateOperatorKeyRequest(string? Role);

public sealed record OperatorKeyView(Guid Id, string Role, string Prefix, DateTime CreatedAt);

public sealed record CreatedOperatorKey(Guid Id, string Role, string Prefix, DateTime CreatedAt, string ApiKey);

/// <summary>Operator keys, one role each (admin, auditor, risk). Only an admin manages them.</summary>
public static class OperatorKeysApi
{
    public static RouteGroupBuilder MapOperatorKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/operators/keys").WithTags("Operators").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateKey).Describe("createOperatorKey", "Create an operator key",
                "A key with one role (admin, auditor or risk), shown once; only its hash is stored.")
            .Example(new CreateOperatorKeyRequest("auditor"));
        group.MapGet("/", ListKeys).Describe("listOperatorKeys", "List operator keys", "Prefixes, roles and creation times; never the keys.");
        group.MapDelete("/{id:guid}", DeleteKey).Describe("deleteOperatorKey", "Delete an operator key", "It stops working at once; the last admin key stays.")
            .Answers(ProblemTypes.ApiKeyNotFound, ProblemTypes.LastApiKey);
        return group;
    }

    private static async Task<Results<Created<CreatedOperatorKey>, ApiProblem>> CreateKey(
        CreateOperatorKeyRequest request, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Role is not { } role || !OperatorOptions.Roles.Contains(role))
        {
            return ProblemTypes.Invalid("role", $"role must be one of: {string.Join(", ", OperatorOptions.Roles)}.").ToResult();
        }
        var key = ApiKeySecrets.New(ApiKeySecrets.OperatorPrefix);
        var row = new ApiKey { Role = role, Hash = ApiKeySecrets.Hash(key), Prefix = ApiKeySecrets.Prefix(key), CreatedAt = clock.UtcNowForStorage() };
        db.ApiKeys.Add(row);
        await audit.SaveChangesAsync(db, new AuditEntry("operator_key.created", $"api_key:{row.Id}", Detail: $"role={role}"), cancellationToken);
        return TypedResults.Created($"/v1/operators/keys/{row.Id}", new CreatedOperatorKey(row.Id, role, row.Prefix, row.CreatedAt, key));
    }

    private static async Task<Ok<List<OperatorKeyView>>> ListKeys(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ApiKeys.Where(k => k.Role != null)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new OperatorKeyView(k.Id, k.Role!, k.Prefix, k.CreatedAt))
            .ToListAsync(cancellationToken));

    private static async Task<Results<NoContent, ApiProblem>> DeleteKey(
        Guid id, AppDbContext db, AuditTrail audit, CallerResolver resolver, IOptions<OperatorOptions> options, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.Role != null, cancellationToken);
        if (key is null)
        {
            return ProblemTypes.ApiKeyNotFound.With($"No operator key has id {id}.").ToResult();
        }
        // Without a configured key, the last admin key in the database is the only way in: keep it.
        var otherAdmins = await db.ApiKeys.CountAsync(k => k.Role == OperatorOptions.AdminRole && k.Id != id, cancellationToken);
        if (key.Role == OperatorOptions.AdminRole && otherAdmins == 0 && string.IsNullOrEmpty(options.Value.ApiKey))
        {
            return ProblemTypes.LastApiKey.With("This is the last admin key. Create another admin key first.").ToResult();
        }
        db.ApiKeys.Remove(key);
        await audit.SaveChangesAsync(db, new AuditEntry("operator_key.deleted", $"api_key:{key.Id}", Detail: $"role={key.Role}"), cancellationToken);
        resolver.Forget(key.Hash);
        return TypedResults.NoContent();
    }
}
