using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Risk.Incidents;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>
/// Breakers for risk officers (list, trip by hand, reset with a reason) under <c>/v1/risk/breakers</c>, and read-only for a
/// tenant, its own, under <c>/v1/breakers</c>.
/// </summary>
public static class BreakersApi
{
    public static void MapBreakers(this RouteGroupBuilder risk, IEndpointRouteBuilder routes)
    {
        risk.MapGet("/breakers", List)
            .Describe("listBreakers", "List circuit breakers", "Breakers that stop a tenant's, a signature's or a template's sends, open or closed.");
        risk.MapPost("/breakers", Trip)
            .Example(new TripBreakerRequest(Guid.Parse("0193a5c2-5d00-7a21-9c3b-6e8f1a2b3c4d"), "template", "SMS_LOGIN", "Codes to one number block, none entered: pumping."))
            .Describe("tripBreaker", "Trip a circuit breaker", "Stops a tenant's sends (or one signature's or template's) at once, with the reason.")
            .Answers(ProblemTypes.TenantNotFound, ProblemTypes.BreakerAlreadyOpen);
        risk.MapPost("/breakers/{id:guid}/reset", Reset)
            .Example(new ResetBreakerRequest("The tenant added a captcha to its sign-up page."))
            .Describe("resetBreaker", "Reset a circuit breaker", "Sends resume.")
            .Answers(ProblemTypes.BreakerNotFound, ProblemTypes.BreakerNotOpen);
        routes.MapGet("/v1/breakers", Own).WithTags("Risk").RequireAuthorization(Policies.Tenant)
            .Describe("listOwnBreakers", "List your circuit breakers", "The breakers that stop (or stopped) the tenant's own sends, with their reasons.");
    }

    private static async Task<Results<Ok<List<BreakerView>>, ApiProblem>> List(
        Guid? tenantId, string? status, int? limit, BreakerControl control, CancellationToken cancellationToken)
    {
        var listed = await control.ListAsync(tenantId, status, limit, cancellationToken);
        return listed.Error is { } error ? error.ToResult() : TypedResults.Ok(listed.Value!.ConvertAll(b => b.Breaker));
    }

    /// <summary>A tenant's own open breakers: what stops its sends, and since when.</summary>
    private static async Task<Ok<List<BreakerView>>> Own(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var open = await db.Set<Breaker>().AsNoTracking().Where(b => b.TenantId == tenantId && b.Status == BreakerStatus.Open)
            .OrderByDescending(b => b.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(open.ConvertAll(BreakerView.From));
    }

    private static async Task<Results<Created<BreakerView>, ApiProblem>> Trip(
        TripBreakerRequest request, BreakerControl control, CancellationToken cancellationToken)
    {
        if (request.TenantId is not { } tenantId)
        {
            return ProblemTypes.Invalid("tenantId", "tenantId is required: the tenant whose sends stop.").ToResult();
        }
        var tripped = await control.TripAsync(tenantId, request.Scope, request.Target, request.Reason, cancellationToken);
        return tripped.Error is { } error ? error.ToResult() : TypedResults.Created($"/v1/risk/breakers?tenantId={tenantId}", tripped.Value);
    }

    private static async Task<Results<Ok<BreakerView>, ApiProblem>> Reset(
        Guid id, ResetBreakerRequest request, BreakerControl control, CancellationToken cancellationToken)
    {
        var reset = await control.ResetAsync(id, request.Reason, cancellationToken);
        return reset.Error is { } error ? error.ToResult() : TypedResults.Ok(reset.Value!);
    }
}
