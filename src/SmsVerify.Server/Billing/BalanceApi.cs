using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Billing;

public sealed record TopUpRequest(decimal? Amount, string? Note);

public sealed record PriceRequest(decimal? PricePerSegment);

/// <summary>The most a tenant may spend per China day, in yuan; null removes the cap.</summary>
public sealed record SpendCapRequest(decimal? DailyLimit);

/// <summary>Balance, price, daily spend cap (null: none) and today's spend (China day), in yuan.</summary>
public sealed record BalanceView(Guid TenantId, decimal Balance, decimal PricePerSegment, decimal? DailySpendCap, decimal SpentToday);

/// <summary>Operators top up prepaid balances and set prices and daily spend caps; a tenant reads its own.</summary>
public static class BalanceApi
{
    public static IEndpointRouteBuilder MapBalance(this IEndpointRouteBuilder routes)
    {
        var operators = routes.MapGroup("/v1/tenants/{id:guid}").WithTags("Billing").RequireAuthorization(Policies.Admin);
        operators.MapPost("/balance", TopUp).Describe("topUpBalance", "Top up a balance", "Adds yuan to a tenant's prepaid balance.")
            .Example(new TopUpRequest(500m, "bank transfer 2026-12-06"))
            .Answers(ProblemTypes.TenantNotFound);
        operators.MapPut("/price", SetPrice).Describe("setPrice", "Set a tenant's price", "Yuan per segment, charged on every send to a real number.")
            .Example(new PriceRequest(0.045m))
            .Answers(ProblemTypes.TenantNotFound);
        operators.MapPut("/spend-cap", SetSpendCap)
            .Example(new SpendCapRequest(200m))
            .Describe("setSpendCap", "Set a tenant's daily spend cap", "Sends past it are refused until the next China day; null removes it.")
            .Answers(ProblemTypes.TenantNotFound);
        routes.MapGet("/v1/balance", Own).WithTags("Billing").RequireAuthorization(Policies.Tenant)
            .Example(new BalanceView(Guid.Parse("0193a5c2-5d00-7a21-9c3b-6e8f1a2b3c4d"), 486.5m, 0.045m, 200m, 13.5m))
            .Describe("getBalance", "Get your balance", "Balance, price per segment, daily cap and today's spend.");
        return routes;
    }

    private static async Task<Results<Ok<BalanceView>, ApiProblem>> TopUp(Guid id, TopUpRequest request, TenantBalances balances, CancellationToken cancellationToken)
    {
        var topped = await balances.TopUpAsync(id, request.Amount, request.Note, cancellationToken);
        return topped.Error is { } error ? error.ToResult() : TypedResults.Ok(topped.Value!);
    }

    private static async Task<Results<Ok<BalanceView>, ApiProblem>> SetPrice(
        Guid id, PriceRequest request, AppDbContext db, AuditTrail audit, TenantBalances balances, CancellationToken cancellationToken)
    {
        if (request.PricePerSegment is not { } price || price < 0 || price > 10 || Money.FromYuan(price) is not { } units)
        {
            return ProblemTypes.Invalid("pricePerSegment", "pricePerSegment is in yuan, 0 to 10, with at most four decimals.").ToResult();
        }
        var updated = await audit.RunAsync(db, async () =>
        {
            var count = await db.Tenants.Where(t => t.Id == id).ExecuteUpdateAsync(set => set.SetProperty(t => t.PricePerSegment, units), cancellationToken);
            return (count, count == 1 ? new AuditEntry("tenant.price_set", $"tenant:{id}", id, $"pricePerSegment={price}") : null);
        }, cancellationToken);
        return updated == 1 ? TypedResults.Ok(await balances.ViewAsync(id, cancellationToken)) : NotFound(id);
    }

    private static async Task<Results<Ok<BalanceView>, ApiProblem>> SetSpendCap(
        Guid id, SpendCapRequest request, TenantBalances balances, CancellationToken cancellationToken)
    {
        var set = await balances.SetSpendCapAsync(id, request.DailyLimit, cancellationToken);
        return set.Error is { } error ? error.ToResult() : TypedResults.Ok(set.Value!);
    }

    private static async Task<Ok<BalanceView>> Own(ClaimsPrincipal user, TenantBalances balances, CancellationToken cancellationToken) =>
        TypedResults.Ok(await balances.ViewAsync(user.TenantId(), cancellationToken));

    private static ApiProblem NotFound(Guid id) => ProblemTypes.TenantNotFound.With($"No tenant has id {id}.").ToResult();
}
