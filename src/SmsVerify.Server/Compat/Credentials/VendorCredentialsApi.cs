using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
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
    public static RouteGroupBuilder MapVendorCredentials(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/api-credentials").WithTags("API credentials").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Create)
            .Example(new CreateApiCredentialRequest("alibaba"))
            .Describe("createApiCredential", "Create a vendor credential",
                "An AccessKey pair (Alibaba Cloud), SecretId/SecretKey (Tencent Cloud) or Account SID/Auth Token (Twilio) for "
                + "the vendor-compatible APIs; the secret is shown once.")
            .Answers(ProblemTypes.TooManyApiCredentials);
        group.MapGet("/", List).Describe("listApiCredentials", "List vendor credentials", "Ids, vendors and dates; never the secrets.");
        group.MapDelete("/{id:guid}", Revoke).Describe("revokeApiCredential", "Revoke a vendor credential", "Requests signed with it are refused from now on.")
            .Answers(ProblemTypes.ApiCredentialNotFound);
        return group;
    }

    private static async Task<Results<Created<CreatedApiCredential>, ApiProblem>> Create(
        CreateApiCredentialRequest request, ClaimsPrincipal user, TenantVendorCredentials credentials, CancellationToken cancellationToken)
    {
        var created = await credentials.CreateAsync(user.TenantId(), request.Vendor, cancellationToken);
        return created.Error is { } error ? error.ToResult() : TypedResults.Created($"/v1/api-credentials/{created.Value!.Id}", created.Value);
    }

    private static async Task<Ok<List<ApiCredentialView>>> List(ClaimsPrincipal user, TenantVendorCredentials credentials, CancellationToken cancellationToken) =>
        TypedResults.Ok(await credentials.ListAsync(user.TenantId(), cancellationToken));

    private static async Task<Results<NoContent, ApiProblem>> Revoke(
        Guid id, ClaimsPrincipal user, TenantVendorCredentials credentials, CancellationToken cancellationToken) =>
        await credentials.RevokeAsync(user.TenantId(), id, cancellationToken) is { } error ? error.ToResult() : TypedResults.NoContent();
}
