using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Verification;

public static class VerificationsApi
{
    public static RouteGroupBuilder MapVerifications(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/verifications").WithTags("Verifications").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Start);
        group.MapPost("/check", Check);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/cancel", Cancel);
        group.MapPost("/{id:guid}/approve", Approve);
        return group;
    }

    private static async Task<Results<Created<VerificationView>, ApiProblem>> Start(
        CreateVerificationRequest request, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken)
    {
        var outcome = await service.StartAsync(user.TenantId(), user.TenantMode(), request, cancellationToken);
        return outcome.Error is { } error ? error.ToResult() : TypedResults.Created($"/v1/verifications/{outcome.Value!.Id}", outcome.Value);
    }

    private static async Task<Results<Ok<VerificationView>, ApiProblem>> Check(
        CheckVerificationRequest request, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken) =>
        Answer(await service.CheckAsync(user.TenantId(), request, cancellationToken));

    private static async Task<Results<Ok<VerificationView>, ApiProblem>> Get(
        Guid id, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken) =>
        Answer(await service.GetAsync(user.TenantId(), id, cancellationToken));

    private static async Task<Results<Ok<VerificationView>, ApiProblem>> Cancel(
        Guid id, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken) =>
        Answer(await service.CancelAsync(user.TenantId(), id, cancellationToken));

    /// <summary>The tenant confirmed the person another way: the verification ends approved, no code checked.</summary>
    private static async Task<Results<Ok<VerificationView>, ApiProblem>> Approve(
        Guid id, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken) =>
        Answer(await service.ApproveWithoutCodeAsync(user.TenantId(), id, cancellationToken));

    private static Results<Ok<VerificationView>, ApiProblem> Answer(Outcome<VerificationView> outcome) =>
        outcome.Error is { } error ? error.ToResult() : TypedResults.Ok(outcome.Value!);
}
