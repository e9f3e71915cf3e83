using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
        group.MapGet("/", List);
        group.MapDelete("/{id:guid}", Lift);
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
        var query = db.Set<RiskBlock>().AsNoTracking();
        if ((own ?? named) is { } tenantId)
        {
            query = query.Where(b => b.TenantId == tenantId);
        }
        query = status is null ? query : parsedStatus switch
        {
            RiskBlockStatus.Active => query.Where(b => b.LiftedAt == null && (b.ExpiresAt == null || b.ExpiresAt > now)),
            RiskBlockStatus.Lifted => query.Where(b => b.LiftedAt != null),
            _ => query.Where(b => b.LiftedAt == null && b.ExpiresAt <= now),
        };
        var blocks = await query.OrderByDescending(b => b.CreatedAt).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok(blocks.ConvertAll(b => RiskBlockView.From(b, now)));
    }

    private static async Task<Results<Ok<RiskBlockView>, ApiProblem>> Lift(
        Guid id, string? reason, ClaimsPrincipal user, AppDbContext db, RiskBlocks blocks, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (reason is { Length: > RiskBlockConfiguration.MaxReasonLength })
        {
            return ProblemTypes.Invalid("reason", $"reason is at most {RiskBlockConfiguration.MaxReasonLength} characters.").ToResult();
        }
        var block = await db.Set<RiskBlock>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (block is null || (user.FindFirstValue(Caller.TenantClaim) is not null && block.TenantId != user.TenantId()))
        {
            return ProblemTypes.RiskBlockNotFound.With($"No block has id {id}.").ToResult();
        }
        if (!await blocks.LiftAsync(block, reason, cancellationToken))
        {
            var current = await db.Set<RiskBlock>().AsNoTracking().FirstAsync(b => b.Id == id, cancellationToken);
            var status = RiskBlockView.From(current, clock.UtcNowForStorage()).Status;
            return (ProblemTypes.RiskBlockNotActive.With($"Block {id} is {EnumName(status)} already.") with
            {
                Extensions = new Dictionary<string, object?> { ["blockStatus"] = EnumName(status) },
            }).ToResult();
        }
        return TypedResults.Ok(RiskBlockView.From(block, clock.UtcNowForStorage()));
    }

    private static string EnumName(RiskBlockStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
