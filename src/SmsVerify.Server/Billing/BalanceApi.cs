using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Billing;

public sealed record TopUpRequest(decimal? Amount, string? Note);

public sealed record PriceRequest(decimal? PricePerSegment);

/// <summary>Balance and price in yuan.</summary>
public sealed record BalanceView(Guid TenantId, decimal Balance, decimal PricePerSegment);

/// <summary>Operators top up prepaid balances and set prices; a tenant reads its own.</summary>
public static class BalanceApi
{
    public const decimal MaxTopUp = 1_000_000m;
    public const int MaxNoteLength = 200;

    public static IEndpointRouteBuilder MapBalance(this IEndpointRouteBuilder routes)
    {
        var operators = routes.MapGroup("/v1/tenants/{id:guid}").WithTags("Billing").RequireAuthorization(Policies.Admin);
        operators.MapPost("/balance", TopUp);
        operators.MapPut("/price", SetPrice);
        routes.MapGet("/v1/balance", Own).WithTags("Billing").RequireAuthorization(Policies.Tenant);
        return routes;
    }

    private static async Task<Results<Ok<BalanceView>, ApiProblem>> TopUp(
        Guid id, TopUpRequest request, AppDbContext db, AuditTrail audit, IOptions<BillingOptions> options, CancellationToken cancellationToken)
    {
        if (request.Amount is not { } amount || amount <= 0 || amount > MaxTopUp || Money.FromYuan(amount) is not { } units)
        {
            return ProblemTypes.Invalid("amount", $"amount is in yuan, more than 0 and at most {MaxTopUp}, with at most four decimals.").ToResult();
        }
        if (request.Note is { Length: > MaxNoteLength })
        {
            return ProblemTypes.Invalid("note", $"note is at most {MaxNoteLength} characters.").ToResult();
        }
        var updated = await audit.RunAsync(db, async () =>
        {
            var count = await db.Tenants.Where(t => t.Id == id).ExecuteUpdateAsync(set => set.SetProperty(t => t.Balance, t => t.Balance + units), cancellationToken);
            return (count, count == 1 ? new AuditEntry("tenant.balance_topped_up", $"tenant:{id}", id, $"amount={amount} note={request.Note}") : null);
        }, cancellationToken);
        return updated == 1 ? TypedResults.Ok(await ViewAsync(db, id, options.Value, cancellationToken)) : NotFound(id);
    }

    private static async Task<Results<Ok<BalanceView>, ApiProblem>> SetPrice(
        Guid id, PriceRequest request, AppDbContext db, AuditTrail audit, IOptions<BillingOptions> options, CancellationToken cancellationToken)
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
        return updated == 1 ? TypedResults.Ok(await ViewAsync(db, id, options.Value, cancellationToken)) : NotFound(id);
    }

    private static async Task<Ok<BalanceView>> Own(ClaimsPrincipal user, AppDbContext db, IOptions<BillingOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(db, user.TenantId(), options.Value, cancellationToken));

    private static async Task<BalanceView> ViewAsync(AppDbContext db, Guid id, BillingOptions options, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.Balance, t.PricePerSegment }).FirstAsync(cancellationToken);
        return new BalanceView(id, Money.ToYuan(tenant.Balance), Money.ToYuan(tenant.PricePerSegment ?? options.PricePerSegmentUnits));
    }

    private static ApiProblem NotFound(Guid id) => ProblemTypes.TenantNotFound.With($"No tenant has id {id}.").ToResult();
}
