using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Limits;

public sealed record BucketRequest(int? Max, int? IntervalSeconds);

public sealed record SetRateLimitRequest(string? Key, List<BucketRequest>? Buckets);

public sealed record RateLimitView(string Key, IReadOnlyList<RateLimitBucket> Buckets, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static RateLimitView From(RateLimitRule rule) => new(rule.Key, rule.Buckets, rule.CreatedAt, rule.UpdatedAt);
}

/// <summary>
/// A tenant's own rate limits on keys it passes with each verification: <c>POST /v1/rate-limits</c> defines a key
/// (or replaces its buckets), <c>GET</c> lists, <c>DELETE /v1/rate-limits/{key}</c> removes one.
/// </summary>
public static class RateLimitsApi
{
    public static RouteGroupBuilder MapRateLimits(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/rate-limits").WithTags("Rate limits").RequireAuthorization(Policies.Tenant);
        group.MapGet("/", List).Describe("listRateLimits", "List rate limits", "The tenant's own limits per key (such as `endUserIp`).");
        group.MapGet("/{key}", Get).Describe("getRateLimit", "Get a rate limit", "One limit's buckets.").Answers(ProblemTypes.RateLimitNotFound);
        group.MapPost("/", Set)
            .Example(new SetRateLimitRequest("endUserIp", [new BucketRequest(5, 60), new BucketRequest(20, 3600)]))
            .Describe("setRateLimit", "Set a rate limit",
                "Buckets of `{max, intervalSeconds}` for a key the tenant sends with each verification as `rateLimits`; "
                + "answers 201 for a new key and 200 for a changed one.")
            .Answers(ProblemTypes.TooManyRateLimitKeys);
        group.MapDelete("/{key}", Delete).Describe("deleteRateLimit", "Delete a rate limit", "The key is no longer limited.")
            .Answers(ProblemTypes.RateLimitNotFound);
        return group;
    }

    private static async Task<Ok<List<RateLimitView>>> List(ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var rules = await db.RateLimitRules.AsNoTracking().Where(r => r.TenantId == tenantId).OrderBy(r => r.Key).ToListAsync(cancellationToken);
        return TypedResults.Ok(rules.Select(RateLimitView.From).ToList());
    }

    private static async Task<Results<Ok<RateLimitView>, ApiProblem>> Get(string key, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var rule = await db.RateLimitRules.AsNoTracking().FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Key == key, cancellationToken);
        return rule is null ? NotFound(key).ToResult() : TypedResults.Ok(RateLimitView.From(rule));
    }

    private static async Task<Results<Created<RateLimitView>, Ok<RateLimitView>, ApiProblem>> Set(SetRateLimitRequest request, ClaimsPrincipal user,
        AppDbContext db, AuditTrail audit, RateLimitRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid.ToResult();
        }
        var tenantId = user.TenantId();
        var buckets = request.Buckets!.Select(b => new RateLimitBucket(b.Max!.Value, b.IntervalSeconds!.Value)).OrderBy(b => b.IntervalSeconds).ToList();
        var now = clock.UtcNowForStorage();
        // Read inside the audit transaction, after its lock, so two requests cannot both take the tenth key.
        var (rule, created) = await audit.RunAsync(db, async () =>
        {
            var stored = await db.RateLimitRules.FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Key == request.Key, cancellationToken);
            var isNew = stored is null;
            if (stored is null)
            {
                if (await db.RateLimitRules.CountAsync(r => r.TenantId == tenantId, cancellationToken) >= RateLimitRules.MaxKeys)
                {
                    return ((null, false), (AuditEntry?)null);
                }
                stored = new RateLimitRule { TenantId = tenantId, Key = request.Key!, Buckets = buckets, CreatedAt = now };
                db.RateLimitRules.Add(stored);
            }
            stored.Buckets = buckets;
            stored.UpdatedAt = now;
            var detail = string.Join(' ', buckets.Select(b => $"{b.Max}/{b.IntervalSeconds}s"));
            return ((stored, isNew), (AuditEntry?)new AuditEntry("rate_limit.set", $"rate_limit:{request.Key}", tenantId, detail));
        }, cancellationToken);
        if (rule is null)
        {
            return ProblemTypes.TooManyRateLimitKeys.With($"Your tenant already has {RateLimitRules.MaxKeys} rate-limit keys; delete one first.").ToResult();
        }
        rules.Forget(tenantId);
        var view = RateLimitView.From(rule);
        return created ? TypedResults.Created($"/v1/rate-limits/{rule.Key}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, ApiProblem>> Delete(string key, ClaimsPrincipal user,
        AppDbContext db, AuditTrail audit, RateLimitRules rules, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var deleted = await audit.RunAsync(db, async () =>
        {
            var count = await db.RateLimitRules.Where(r => r.TenantId == tenantId && r.Key == key).ExecuteDeleteAsync(cancellationToken);
            return (count, count == 1 ? new AuditEntry("rate_limit.deleted", $"rate_limit:{key}", tenantId) : null);
        }, cancellationToken);
        rules.Forget(tenantId);
        return deleted == 1 ? TypedResults.NoContent() : NotFound(key).ToResult();
    }

    private static ApiError NotFound(string key) => ProblemTypes.RateLimitNotFound.With($"No rate limit has the key '{Echo.Truncate(key)}'.");

    private static ApiError? Validate(SetRateLimitRequest request)
    {
        if (!RateLimitRules.IsKey(request.Key))
        {
            return ProblemTypes.Invalid("key", $"key is a short identifier: a letter, then letters, digits or underscores, at most {RateLimitRules.MaxKeyLength} (such as endUserIp).");
        }
        if (request.Buckets is not { Count: > 0 and <= RateLimitRules.MaxBuckets } buckets)
        {
            return ProblemTypes.Invalid("buckets", $"buckets needs 1 to {RateLimitRules.MaxBuckets} entries of {{max, intervalSeconds}}.");
        }
        if (buckets.Any(b => b is null || b.Max is not (>= 1 and <= RateLimitRules.MaxBucketMax)
            || b.IntervalSeconds is not (>= 1 and <= RateLimitRules.MaxIntervalSeconds)))
        {
            return ProblemTypes.Invalid("buckets", $"Each bucket needs max 1–{RateLimitRules.MaxBucketMax} and intervalSeconds 1–{RateLimitRules.MaxIntervalSeconds}.");
        }
        return buckets.DistinctBy(b => b.IntervalSeconds).Count() != buckets.Count
            ? ProblemTypes.Invalid("buckets", "Two buckets have the same intervalSeconds; give each interval one max.")
            : null;
    }
}
