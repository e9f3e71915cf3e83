using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Captcha;

public sealed record SetCaptchaPolicyRequest(string? Policy);

/// <summary>A tenant's policy; <c>updatedAt</c> is null while it has never been set (and is <c>off</c>).</summary>
public sealed record CaptchaPolicyView(string Policy, DateTime? UpdatedAt);

public static class CaptchaApi
{
    /// <summary>The CORS policy of the challenge endpoint, which the widget calls from any tenant's web page.</summary>
    public const string ChallengeCors = "captcha-challenge";

    public static RouteGroupBuilder MapCaptcha(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/captcha").WithTags("Captcha").RequireAuthorization(Policies.Tenant);
        group.MapGet("/challenge", Challenge).AllowAnonymous().RequireCors(ChallengeCors)
            .Describe("getCaptchaChallenge", "Get a captcha challenge",
                "An ALTCHA proof-of-work challenge for the tenant's sign-up page, called from the browser with no key and "
                + "`?tenant=<tenant id>` (or with a tenant key). The solved payload goes with the verification as `captcha`.")
            .Answers(ProblemTypes.Unauthorized);
        group.MapGet("/policy", GetPolicy).Describe("getCaptchaPolicy", "Get the captcha policy", "When verifications need a solved captcha.");
        group.MapPut("/policy", SetPolicy)
            .Example(new SetCaptchaPolicyRequest("on-risk"))
            .Describe("setCaptchaPolicy", "Set the captcha policy", "`off` (the default), `on-risk` (when the request's risk is raised) or `always`.");
        return group;
    }

    /// <summary>
    /// A new challenge for the caller's tenant (tenant key), or for <c>?tenant=</c> without a key: the widget
    /// fetches it straight from end users' browsers, which must never hold a key. Issuing reads and writes nothing.
    /// </summary>
    private static Results<Ok<CaptchaChallenge>, ApiProblem> Challenge(
        string? tenant, ClaimsPrincipal user, HttpContext http, CaptchaSigner signer)
    {
        Guid? named = Guid.TryParse(tenant, out var parsed) ? parsed : null;
        if (tenant is not null && named is null)
        {
            return ProblemTypes.Invalid("tenant", $"tenant must be your tenant id; got '{Echo.Truncate(tenant)}'.").ToResult();
        }
        Guid tenantId;
        if (user.FindFirstValue(Caller.TenantClaim) is not null)
        {
            tenantId = user.TenantId();
            if (named is { } other && other != tenantId)
            {
                return ProblemTypes.Invalid("tenant", "tenant names another tenant than your key's; leave it out.").ToResult();
            }
        }
        else if (user.Identity?.IsAuthenticated != true && !string.IsNullOrEmpty(http.Request.Headers.Authorization))
        {
            // The endpoint lets anonymous callers in, so a wrong key would otherwise pass silently as none.
            return ProblemTypes.Unauthorized.With("The API key is not valid; send a tenant key, or no key and ?tenant=<your tenant id>.").ToResult();
        }
        else if (named is { } id)
        {
            tenantId = id;
        }
        else
        {
            return ProblemTypes.Invalid("tenant", "Without a tenant key, name your tenant: ?tenant=<your tenant id>.").ToResult();
        }
        // Every challenge is new; a cached one would be spent already.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(signer.Issue(tenantId));
    }

    private static async Task<Ok<CaptchaPolicyView>> GetPolicy(ClaimsPrincipal user, TenantCaptchaPolicies policies, CancellationToken cancellationToken) =>
        TypedResults.Ok(await policies.GetAsync(user.TenantId(), cancellationToken));

    private static async Task<Results<Ok<CaptchaPolicyView>, ApiProblem>> SetPolicy(
        SetCaptchaPolicyRequest request, ClaimsPrincipal user, TenantCaptchaPolicies policies, CancellationToken cancellationToken)
    {
        var set = await policies.SetAsync(user.TenantId(), request.Policy, cancellationToken);
        return set.Error is { } error ? error.ToResult() : TypedResults.Ok(set.Value!);
    }
}
