using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.LandingApps;

/// <summary>
/// <paramref name="Replaces"/> resubmits a rejected application as its next version. An app may name its
/// <paramref name="AndroidPackage"/> and <paramref name="AppHashes"/> (SMS Retriever), here or later.
/// </summary>
/// <summary>A website names its <c>domain</c>; an app or mini program its <c>storeLink</c> (and a domain if it has one).</summary>
public sealed record SubmitLandingAppRequest(
    string? Kind, string? Name, string? IcpNumber, string? FilingSubject, string? Domain = null, string? StoreLink = null, Guid? Replaces = null,
    string? AndroidPackage = null, List<string>? AppHashes = null);

public sealed record LandingAppView(
    Guid Id, int Version, Guid? Replaces, LandingAppKind Kind, string Name, string? Domain, string? StoreLink, string IcpNumber, string FilingSubject,
    ReviewStatus Status, List<Finding> Findings, DateTime SubmittedAt, DateTime? DecidedAt, string? DecisionNote, string? AndroidPackage, List<string> AppHashes)
{
    public static LandingAppView From(LandingApp a) => new(a.Id, a.Version, a.ReplacesId, a.Kind, a.Name, a.Domain, a.StoreLink, a.IcpNumber,
        a.FilingSubject, a.Status, a.Findings, a.SubmittedAt, a.DecidedAt, a.DecisionNote, a.AndroidPackage, a.AppHashes);
}

public static class LandingAppsApi
{
    public const int MaxNameLength = 50;
    public const int MaxAddressLength = 253;

    public static RouteGroupBuilder MapLandingApps(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/applications").WithTags("Landing applications").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Submit)
            .Example(new SubmitLandingAppRequest("website", "示例商城", "京ICP备12345678号-1", "示例商城科技有限公司", Domain: "shop.example.cn"))
            .Describe("submitApplication", "Submit a landing application",
                "The website, app or mini program the codes are for, with its ICP filing: reviewed with the qualification it "
                + "belongs to. A rejected application is corrected by submitting it again under the same name.")
            .Answers(ProblemTypes.QualificationRequired, ProblemTypes.ApplicationNotResubmittable);
        group.MapGet("/", List).Describe("listApplications", "List landing applications", "The tenant's applications with their review status.");
        group.MapGet("/{id:guid}", Get).Describe("getApplication", "Get a landing application", "One application by id.")
            .Answers(ProblemTypes.ApplicationNotFound);
        group.MapPut("/{id:guid}/app-hashes", SetAppHashes)
            .Example(new SetAppHashesRequest("cn.example.shop", ["FA+9qCX9VSu"]))
            .Describe("setApplicationAppHashes", "Set an app's SMS Retriever hashes",
                "The Android package and up to 5 app hashes of an app landing application; a verification names one as "
                + "`appHash` to end its text with it. Audited; the application is not reviewed again.")
            .Answers(ProblemTypes.ApplicationNotFound);
        return group;
    }

    private static async Task<Results<Created<LandingAppView>, ApiProblem>> Submit(
        SubmitLandingAppRequest request, ClaimsPrincipal user, LandingAppSubmissions submissions, CancellationToken cancellationToken)
    {
        var submitted = await submissions.SubmitAsync(user.TenantId(), request, cancellationToken);
        return submitted.Error is { } invalid
            ? invalid.ToResult()
            : TypedResults.Created($"/v1/applications/{submitted.Value!.Id}", LandingAppView.From(submitted.Value));
    }

    private static async Task<Results<Ok<LandingAppView>, ApiProblem>> SetAppHashes(
        Guid id, SetAppHashesRequest request, ClaimsPrincipal user, LandingAppHashes hashes, CancellationToken cancellationToken)
    {
        var set = await hashes.SetAsync(user.TenantId(), id, request, cancellationToken);
        return set.Error is { } invalid ? invalid.ToResult() : TypedResults.Ok(LandingAppView.From(set.Value!));
    }

    private static async Task<Ok<List<LandingAppView>>> List(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var apps = await db.LandingApps.AsNoTracking().Where(a => a.TenantId == tenantId).OrderBy(a => a.SubmittedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(apps.ConvertAll(LandingAppView.From));
    }

    private static async Task<Results<Ok<LandingAppView>, ApiProblem>> Get(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        return await db.LandingApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.TenantId == tenantId, cancellationToken) is { } app
            ? TypedResults.Ok(LandingAppView.From(app))
            : ProblemTypes.ApplicationNotFound.With($"Your tenant has no landing application with id {id}.").ToResult();
    }
}
