using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Captcha;

/// <summary>A tenant's captcha policy, read and set (audited): <c>/v1/captcha/policy</c> and the console both call it.</summary>
public sealed class TenantCaptchaPolicies(AppDbContext db, AuditTrail audit, CaptchaPolicies policies, TimeProvider clock)
{
    public async Task<CaptchaPolicyView> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var row = await db.CaptchaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == tenantId, cancellationToken);
        return row is null ? new CaptchaPolicyView(CaptchaPolicyNames.Name(CaptchaPolicy.Off), null) : View(row);
    }

    public async Task<Outcome<CaptchaPolicyView>> SetAsync(Guid tenantId, string? name, CancellationToken cancellationToken)
    {
        if (!CaptchaPolicyNames.TryParse(name, out var policy))
        {
            return ProblemTypes.Invalid("policy", $"policy must be one of {string.Join(", ", CaptchaPolicyNames.All)}; got '{Echo.Truncate(name)}'.");
        }
        // Read inside the audit transaction, after its lock: two first PUTs at once then update in turn instead
        // of both inserting.
        var row = await audit.RunAsync(db, async () =>
        {
            var stored = await db.CaptchaPolicies.FirstOrDefaultAsync(p => p.TenantId == tenantId, cancellationToken);
            if (stored is null)
            {
                stored = new TenantCaptchaPolicy { TenantId = tenantId };
                db.CaptchaPolicies.Add(stored);
            }
            stored.Policy = policy;
            stored.UpdatedAt = clock.UtcNowForStorage();
            return (stored, (AuditEntry?)new AuditEntry("captcha.policy_set", $"captcha_policy:{tenantId}", tenantId, CaptchaPolicyNames.Name(policy)));
        }, cancellationToken);
        policies.Forget(tenantId);
        return View(row);
    }

    private static CaptchaPolicyView View(TenantCaptchaPolicy row) => new(CaptchaPolicyNames.Name(row.Policy), row.UpdatedAt);
}
