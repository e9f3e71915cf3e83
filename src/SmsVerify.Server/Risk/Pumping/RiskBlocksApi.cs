using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk.Pumping;

/// <summary>
/// Number blocks, for the tenant they stop (its own) and for risk officers (every tenant's, <c>?tenant=</c> to
/// narrow). Both may lift one: the tenant is the one paying for the messages, and the lift is audited with who did it.
/// </summary>
public static class RiskBlocksApi
{
    /// <summary>A tenant key, or an operator key with the risk role.</summary>
    public const string TenantOrRisk = "tenant-or-risk";

    public const int MaxPage = 500;

    public static RouteGroupBuilder MapRiskBlocks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/risk/blocks").WithTags("Risk").RequireAuthorization(TenantOrRisk);
        group.MapGet("/", List)
            .Describe("listRiskBlocks", "List number-block blocks",
                "Number blocks (first 7 digits) whose sends were stopped for toll-fraud pumping; a tenant key lists its own.");
        group.MapDelete("/{id:guid}", Lift).Describe("liftRiskBlock", "Lift a number-block block", "Sends to the block resume.")
            .Answers(ProblemTypes.RiskBlockNotFound, ProblemTypes.RiskBlockNotActive);
        return group;
    }

    private static async Task<Results<Ok<List<RiskBlockView>>, ApiProblem>> List(
        string? tenant, string? status, int? limit, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        Guid? own = user.FindFirstValue(Caller.TenantClaim) is null ? null : user.TenantId();
        Guid? named = Guid.TryParse(tenant, out var parsed) ? parsed : null;
        if ((tenant is not null && named is null) || (own is not null && named is not null && named != own))
        {
            return ProblemTypes.Invalid("tenant", own is null ? "tenant is a tenant id." : "A tenant key lists its own blocks: leave tenant out.").ToResult();
        }
        RiskBlockStatus parsedStatus = default;
        if (status is not null && !EnumInput.TryParse(status, out parsedStatus))
        {
            return ProblemTypes.Invalid("status", "status is active, lifted or expired.").ToResult();
        }
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.").ToResult();
        }
        var now = clock.UtcNowForStorage();
        var blocks = await RiskBlocks.Listed(db, own ?? named, status is null ? null : parsedStatus, now).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok(blocks.ConvertAll(b => RiskBlockView.From(b, now)));
    }

    private static async Task<Results<Ok<RiskBlockView>, ApiProblem>> Lift(
        Guid id, string? reason, ClaimsPrincipal user, RiskBlocks blocks, CancellationToken cancellationToken)
    {
        Guid? own = user.FindFirstValue(Caller.TenantClaim) is null ? null : user.TenantId();
        var lifted = await blocks.LiftAsync(id, reason, own, cancellationToken);
        return lifted.Error is { } error ? error.ToResult() : TypedResults.Ok(lifted.Value!);
    }
}
