using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Captcha;

/// <summary>
/// Tenants' policies, read on every verification send, so kept in memory for a few seconds: a hit costs no
/// database round trip and no await. A change is forgotten at once on the node that made it and ages out on the
/// others within <see cref="CaptchaOptions.PolicyCacheSeconds"/>.
/// </summary>
public sealed class CaptchaPolicies(IMemoryCache cache, IOptions<CaptchaOptions> options)
{
    public ValueTask<CaptchaPolicy> GetAsync(Guid tenantId, AppDbContext db, CancellationToken cancellationToken)
    {
        return cache.TryGetValue(CacheKey(tenantId), out CaptchaPolicy cached) ? ValueTask.FromResult(cached) : ReadAsync();

        async ValueTask<CaptchaPolicy> ReadAsync()
        {
            var stored = await db.CaptchaPolicies.AsNoTracking().Where(p => p.TenantId == tenantId)
                .Select(p => (CaptchaPolicy?)p.Policy).FirstOrDefaultAsync(cancellationToken);
            var policy = stored ?? CaptchaPolicy.Off;
            if (options.Value.PolicyCacheSeconds > 0)
            {
                cache.Set(CacheKey(tenantId), policy, TimeSpan.FromSeconds(options.Value.PolicyCacheSeconds));
            }
            return policy;
        }
    }

    public void Forget(Guid tenantId) => cache.Remove(CacheKey(tenantId));

    private static string CacheKey(Guid tenantId) => "captcha-policy:" + tenantId.ToString("N");
}
