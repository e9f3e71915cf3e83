using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.RealPerson;

/// <summary>
/// The multipart form of <c>POST /v1/qualifications/{id}/real-person</c>: a selfie or video of the holder (personal),
/// or a video of the legal representative holding the licence (enterprise), and which provider judges it.
/// </summary>
public sealed class RealPersonForm
{
    public string? Provider { get; set; }
    public string? SandboxOutcome { get; set; }
    public string? SandboxVerifiedName { get; set; }
    public IFormFile? Selfie { get; set; }
    public IFormFile? LegalRepVideo { get; set; }
}

public static class RealPersonApi
{
    public static RouteGroupBuilder MapRealPerson(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/qualifications/{id:guid}/real-person").WithTags("Qualifications").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Submit).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(64L * 1024 * 1024))
            .Describe("submitRealPerson", "Submit the real-person check",
                "The selfie (and, for an enterprise, the legal representative's video) for the qualification's real-name "
                + "verification, judged by the configured provider.")
            .Answers(ProblemTypes.QualificationNotFound, ProblemTypes.QualificationNotPending, ProblemTypes.RealPersonProviderUnavailable);
        group.MapGet("/", List).Describe("listRealPersonChecks", "List real-person checks", "The checks made for this qualification and their results.")
            .Answers(ProblemTypes.QualificationNotFound);
        return group;
    }

    private static async Task<Results<Created<RealPersonCheckView>, ApiProblem>> Submit(
        Guid id, [FromForm] RealPersonForm form, ClaimsPrincipal user, RealPersonService realPerson, CancellationToken cancellationToken)
    {
        var check = await realPerson.SubmitAsync(user.TenantId(), id, form, cancellationToken);
        return check.Error is { } invalid
            ? invalid.ToResult()
            : TypedResults.Created($"/v1/qualifications/{id}/real-person", RealPersonCheckView.From(check.Value!));
    }

    private static async Task<Results<Ok<List<RealPersonCheckView>>, ApiProblem>> List(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        if (!await db.Qualifications.AnyAsync(q => q.Id == id && q.TenantId == tenantId, cancellationToken))
        {
            return ProblemTypes.QualificationNotFound.With($"Your tenant has no qualification with id {id}.").ToResult();
        }
        var checks = await db.RealPersonChecks.AsNoTracking().Where(c => c.QualificationId == id).OrderBy(c => c.SubmittedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(checks.ConvertAll(RealPersonCheckView.From));
    }
}
