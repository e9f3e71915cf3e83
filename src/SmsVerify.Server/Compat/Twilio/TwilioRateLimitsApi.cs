using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// <c>/v2/Services/{sid}/RateLimits</c> and their <c>Buckets</c>, on the tenant's own rate-limit keys: a verification's
/// <c>RateLimits={"end_user_ip":"…"}</c> is then held to those buckets by the native limiter, refused with 20429.
/// </summary>
internal static class TwilioRateLimitsApi
{
    private const string RateLimits = "/Services/{serviceSid}/RateLimits";

    public static void MapTwilioRateLimits(this RouteGroupBuilder group)
    {
        group.MapPost(RateLimits, Create);
        group.MapGet(RateLimits, List);
        group.MapGet(RateLimits + "/{sid}", Fetch);
        group.MapPost(RateLimits + "/{sid}", Fetch);
        group.MapDelete(RateLimits + "/{sid}", Delete);
        group.MapPost(RateLimits + "/{sid}/Buckets", SetBucket);
        group.MapGet(RateLimits + "/{sid}/Buckets", ListBuckets);
        group.MapGet(RateLimits + "/{sid}/Buckets/{bucketSid}", FetchBucket);
        group.MapPost(RateLimits + "/{sid}/Buckets/{bucketSid}", SetBucket);
        group.MapDelete(RateLimits + "/{sid}/Buckets/{bucketSid}", DeleteBucket);
    }

    private static async Task<IResult> Create(string serviceSid, HttpContext context, AppDbContext db, AuditTrail audit, RateLimitRules rules,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (caller, service) = (TwilioAuthentication.CallerOf(context), await ServiceAsync(context, db, serviceSid, cancellationToken));
        if (service is null)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var form = await TwilioForm.ReadAsync(context.Request);
        if (form["UniqueName"] is not { } key || !RateLimitRules.IsKey(key))
        {
            return TwilioErrors.Invalid("UniqueName", $"UniqueName is a letter, then letters, digits or underscores, at most {RateLimitRules.MaxKeyLength}.");
        }
        var now = clock.UtcNowForStorage();
        var rule = await audit.RunAsync(db, async () =>
        {
            if (await db.RateLimitRules.AnyAsync(r => r.TenantId == caller.TenantId && r.Key == key, cancellationToken)
                || await db.RateLimitRules.CountAsync(r => r.TenantId == caller.TenantId, cancellationToken) >= RateLimitRules.MaxKeys)
            {
                return ((RateLimitRule?)null, (AuditEntry?)null);
            }
            var created = new RateLimitRule { TenantId = caller.TenantId, Key = key, Buckets = [], CreatedAt = now, UpdatedAt = now };
            db.RateLimitRules.Add(created);
            return (created, new AuditEntry("rate_limit.set", $"rate_limit:{key}", caller.TenantId, "no buckets"));
        }, cancellationToken);
        if (rule is null)
        {
            return TwilioErrors.Invalid("UniqueName", $"'{key}' exists already, or your tenant has {RateLimitRules.MaxKeys} rate limits.");
        }
        rules.Forget(caller.TenantId);
        return TwilioJson.Ok(TwilioRateLimitSids.View(rule, service, caller.KeyId, TwilioServicesApi.BaseUrl(context.Request)), StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string serviceSid, HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        var (caller, service) = (TwilioAuthentication.CallerOf(context), await ServiceAsync(context, db, serviceSid, cancellationToken));
        if (service is null)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var rules = await AllAsync(db, caller.TenantId, cancellationToken);
        var baseUrl = TwilioServicesApi.BaseUrl(context.Request);
        var items = rules.Select(r => TwilioRateLimitSids.View(r, service, caller.KeyId, baseUrl)).ToList();
        return TwilioJson.Ok(new { rate_limits = items, meta = OnePage(context.Request, "rate_limits", items.Count) });
    }

    private static async Task<IResult> Fetch(string serviceSid, string sid, HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        var (service, rule) = await RuleAsync(context, db, serviceSid, sid, cancellationToken);
        return rule is null
            ? TwilioErrors.NotFoundAt(context.Request)
            : TwilioJson.Ok(TwilioRateLimitSids.View(rule, service!, TwilioAuthentication.CallerOf(context).KeyId, TwilioServicesApi.BaseUrl(context.Request)));
    }

    private static async Task<IResult> Delete(string serviceSid, string sid, HttpContext context, AppDbContext db, AuditTrail audit, RateLimitRules rules,
        CancellationToken cancellationToken)
    {
        var (_, rule) = await RuleAsync(context, db, serviceSid, sid, cancellationToken);
        if (rule is null)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        db.RateLimitRules.Remove(rule);
        await audit.SaveChangesAsync(db, new AuditEntry("rate_limit.deleted", $"rate_limit:{rule.Key}", rule.TenantId), cancellationToken);
        rules.Forget(rule.TenantId);
        return Results.NoContent();
    }

    /// <summary>Creates a bucket, or (on a bucket's own path) changes its max or interval.</summary>
    private static async Task<IResult> SetBucket(string serviceSid, string sid, string? bucketSid, HttpContext context, AppDbContext db, AuditTrail audit,
        RateLimitRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (service, rule) = await RuleAsync(context, db, serviceSid, sid, cancellationToken);
        var existing = rule is null || bucketSid is null ? null : BucketOf(rule, bucketSid);
        if (rule is null || (bucketSid is not null && existing is null))
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var form = await TwilioForm.ReadAsync(context.Request);
        int? Read(string name) => int.TryParse(form[name], CultureInfo.InvariantCulture, out var value) ? value : null;
        var bucket = new RateLimitBucket(Read("Max") ?? existing?.Max ?? 0, Read("Interval") ?? existing?.IntervalSeconds ?? 0);
        if (bucket.Max is < 1 or > RateLimitRules.MaxBucketMax || bucket.IntervalSeconds is < 1 or > RateLimitRules.MaxIntervalSeconds)
        {
            return TwilioErrors.Invalid("Max", $"Max is 1 to {RateLimitRules.MaxBucketMax} and Interval 1 to {RateLimitRules.MaxIntervalSeconds} seconds.");
        }
        var others = rule.Buckets.Where(b => b != existing && b.IntervalSeconds != bucket.IntervalSeconds).ToList();
        if (others.Count >= RateLimitRules.MaxBuckets)
        {
            return TwilioErrors.Invalid("Interval", $"A rate limit has at most {RateLimitRules.MaxBuckets} buckets.");
        }
        rule.Buckets = [.. others.Append(bucket).OrderBy(b => b.IntervalSeconds)];
        rule.UpdatedAt = clock.UtcNowForStorage();
        var detail = string.Join(' ', rule.Buckets.Select(b => $"{b.Max}/{b.IntervalSeconds}s"));
        await audit.SaveChangesAsync(db, new AuditEntry("rate_limit.set", $"rate_limit:{rule.Key}", rule.TenantId, detail), cancellationToken);
        rules.Forget(rule.TenantId);
        var view = TwilioRateLimitSids.View(rule, bucket, service!, TwilioAuthentication.CallerOf(context).KeyId, TwilioServicesApi.BaseUrl(context.Request));
        return TwilioJson.Ok(view, bucketSid is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ListBuckets(string serviceSid, string sid, HttpContext context, AppDbContext db, CancellationToken cancellationToken)
    {
        var (service, rule) = await RuleAsync(context, db, serviceSid, sid, cancellationToken);
        if (rule is null)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        var (accountSid, baseUrl) = (TwilioAuthentication.CallerOf(context).KeyId, TwilioServicesApi.BaseUrl(context.Request));
        var items = rule.Buckets.Select(b => TwilioRateLimitSids.View(rule, b, service!, accountSid, baseUrl)).ToList();
        return TwilioJson.Ok(new { buckets = items, meta = OnePage(context.Request, "buckets", items.Count) });
    }

    private static async Task<IResult> FetchBucket(string serviceSid, string sid, string bucketSid, HttpContext context, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var (service, rule) = await RuleAsync(context, db, serviceSid, sid, cancellationToken);
        return rule is not null && BucketOf(rule, bucketSid) is { } bucket
            ? TwilioJson.Ok(TwilioRateLimitSids.View(rule, bucket, service!, TwilioAuthentication.CallerOf(context).KeyId, TwilioServicesApi.BaseUrl(context.Request)))
            : TwilioErrors.NotFoundAt(context.Request);
    }

    private static async Task<IResult> DeleteBucket(string serviceSid, string sid, string bucketSid, HttpContext context, AppDbContext db, AuditTrail audit,
        RateLimitRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (_, rule) = await RuleAsync(context, db, serviceSid, sid, cancellationToken);
        if (rule is null || BucketOf(rule, bucketSid) is not { } bucket)
        {
            return TwilioErrors.NotFoundAt(context.Request);
        }
        rule.Buckets = [.. rule.Buckets.Where(b => b != bucket)];
        rule.UpdatedAt = clock.UtcNowForStorage();
        await audit.SaveChangesAsync(db, new AuditEntry("rate_limit.set", $"rate_limit:{rule.Key}", rule.TenantId,
            string.Join(' ', rule.Buckets.Select(b => $"{b.Max}/{b.IntervalSeconds}s"))), cancellationToken);
        rules.Forget(rule.TenantId);
        return Results.NoContent();
    }

    private static Task<TwilioService?> ServiceAsync(HttpContext context, AppDbContext db, string serviceSid, CancellationToken cancellationToken) =>
        TwilioServicesApi.FindAsync(db, TwilioAuthentication.CallerOf(context).TenantId, serviceSid, cancellationToken);

    private static async Task<(TwilioService? Service, RateLimitRule? Rule)> RuleAsync(HttpContext context, AppDbContext db, string serviceSid, string sid,
        CancellationToken cancellationToken)
    {
        if (await ServiceAsync(context, db, serviceSid, cancellationToken) is not { } service)
        {
            return (null, null);
        }
        // At most ten keys a tenant: finding one by its derived sid reads them all.
        var rule = (await db.RateLimitRules.Where(r => r.TenantId == service.TenantId).ToListAsync(cancellationToken))
            .FirstOrDefault(r => TwilioRateLimitSids.Of(r.TenantId, r.Key) == sid);
        return (service, rule);
    }

    private static Task<List<RateLimitRule>> AllAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        db.RateLimitRules.AsNoTracking().Where(r => r.TenantId == tenantId).OrderBy(r => r.Key).ToListAsync(cancellationToken);

    private static RateLimitBucket? BucketOf(RateLimitRule rule, string bucketSid) =>
        rule.Buckets.FirstOrDefault(b => TwilioRateLimitSids.Of(rule.TenantId, rule.Key, b.IntervalSeconds) == bucketSid);

    /// <summary>Rate limits and buckets are few (10 and 5 at most): every list is one page.</summary>
    private static TwilioPageMeta OnePage(HttpRequest request, string key, int count)
    {
        var url = $"{TwilioServicesApi.BaseUrl(request)}{request.Path}";
        return new TwilioPageMeta(0, Math.Max(count, 1), url, null, null, url, key);
    }
}
