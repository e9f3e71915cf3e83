using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Captcha;

/// <summary>
/// Tenants' policies, read on every verification send, so kept in memory for a few seconds: a hit costs no
/// database round trip and no await. A change is forgotten at once on every node (<see cref="ClusterCache"/>).
/// </summary>
public sealed class CaptchaPolicies(IMemoryCache cache, ClusterCache cluster, IOptions<CaptchaOptions> options)
{
    private const string Kind = "captcha-policy";

    public ValueTask<CaptchaPolicy> GetAsync(Guid tenantId, AppDbContext db, CancellationToken cancellationToken) =>
        cache.GetOrReadAsync(Kind, tenantId, TimeSpan.FromSeconds(options.Value.PolicyCacheSeconds), (db, tenantId, cancellationToken), static async s =>
            await s.db.CaptchaPolicies.AsNoTracking().Where(p => p.TenantId == s.tenantId)
                .Select(p => (CaptchaPolicy?)p.Policy).FirstOrDefaultAsync(s.cancellationToken) ?? CaptchaPolicy.Off);

    public void Forget(Guid tenantId) => cluster.ForgetTenant(Kind, tenantId);
}
