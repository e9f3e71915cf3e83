using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Risk.Incidents;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>
/// Breakers for risk officers (list, reset with a reason) under <c>/v1/risk/breakers</c>, and read-only for a
/// tenant, its own, under <c>/v1/breakers</c>.
/// </summary>
public static class BreakersApi
{
    public const int MaxPage = 200;

    public static void MapBreakers(this RouteGroupBuilder risk, IEndpointRouteBuilder routes)
    {
        risk.MapGet("/breakers", List);
        risk.MapPost("/breakers/{id:guid}/reset", Reset);
        routes.MapGet("/v1/breakers", Own).WithTags("Risk").RequireAuthorization(Policies.Tenant);
    }

    private static async Task<Results<Ok<List<BreakerView>>, ApiProblem>> List(
        Guid? tenantId, string? status, int? limit, AppDbContext db, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return ProblemTypes.Invalid("limit", $"limit must be 1 to {MaxPage}.").ToResult();
        }
        var query = db.Set<Breaker>().AsNoTracking();
        if (status is not null)
        {
            if (!EnumInput.TryParse<BreakerStatus>(status, out var wanted))
            {
                return ProblemTypes.Invalid("status", "status must be open or reset.").ToResult();
            }
            query = query.Where(b => b.Status == wanted);
        }
        if (tenantId is { } tenant)
        {
            query = query.Where(b => b.TenantId == tenant);
        }
        var page = await query.OrderByDescending(b => b.Id).Take(limit ?? 50).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ConvertAll(BreakerView.From));
    }

    /// <summary>A tenant's own open breakers: what stops its sends, and since when.</summary>
    private static async Task<Ok<List<BreakerView>>> Own(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var open = await db.Set<Breaker>().AsNoTracking().Where(b => b.TenantId == tenantId && b.Status == BreakerStatus.Open)
            .OrderByDescending(b => b.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(open.ConvertAll(BreakerView.From));
    }

    private static async Task<Results<Ok<BreakerView>, ApiProblem>> Reset(
        Guid id, ResetBreakerRequest request, AppDbContext db, AuditTrail audit, BreakerBoard board, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > Breaker.MaxReasonLength)
        {
            return ProblemTypes.Invalid("reason", $"reason is required (1 to {Breaker.MaxReasonLength} characters): why sending may resume.").ToResult();
        }
        var breaker = await db.Set<Breaker>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (breaker is null)
        {
            return ProblemTypes.BreakerNotFound.With($"No breaker has id {id}.").ToResult();
        }
        var now = clock.UtcNowForStorage();
        var actor = audit.CurrentActor;
        var reset = await audit.RunAsync(db, async () =>
        {
            // Conditional, so two officers resetting at once record one reset.
            var count = await db.Set<Breaker>().Where(b => b.Id == id && b.Status == BreakerStatus.Open).ExecuteUpdateAsync(set => set
                .SetProperty(b => b.Status, BreakerStatus.Reset)
                .SetProperty(b => b.OpenKey, (string?)null)
                .SetProperty(b => b.ResetAt, now)
                .SetProperty(b => b.ResetBy, actor)
                .SetProperty(b => b.ResetReason, reason), cancellationToken);
            if (count != 1)
            {
                return (false, (AuditEntry?)null);
            }
            if (await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == breaker.IncidentId, cancellationToken) is { } incident)
            {
                incident.Status = IncidentStatus.Closed;
                incident.ClosedAt = now;
                incident.Actions = [.. incident.Actions, new IncidentAction(now, "breaker_reset", actor, reason)];
            }
            return (true, new AuditEntry("risk.breaker_reset", $"breaker:{id}", breaker.TenantId, reason));
        }, cancellationToken);
        if (!reset)
        {
            return ProblemTypes.BreakerNotOpen.With($"Breaker {id} was already reset.").ToResult();
        }
        board.Closed(id);
        await db.Entry(breaker).ReloadAsync(cancellationToken);
        return TypedResults.Ok(BreakerView.From(breaker));
    }
}
