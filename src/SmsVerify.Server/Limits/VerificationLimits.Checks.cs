using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Limits;

// The failed-check lock on the check path: wrong codes per tenant and number are counted across resends and new
// codes (a new code never resets them), and past the limit the number is locked (NIST SP 800-63B §5.2.2, ASVS
// V2.2.1). Checks need these counters, so while the store does not answer they fail closed.
public sealed partial class VerificationLimits
{
    /// <summary>Null when the number may be checked; <c>verification_locked</c> or <c>limits_unavailable</c> otherwise.</summary>
    public async ValueTask<ApiError?> CheckLockAsync(Guid tenantId, string to, DateTime now, CancellationToken cancellationToken)
    {
        var decision = await OnCheckPathAsync(new(FailuresKey(tenantId, to), _options.FailedChecksWindow, LimitUse.Check), now, cancellationToken);
        return decision switch
        {
            null => LimitsUnavailable(),
            { Allowed: true } => null,
            { } locked => Refusal((Guard.Lock, null), locked, to),
        };
    }

    /// <summary>
    /// Counts a wrong code the verification counted. The one that reaches the limit locks the number and is audited.
    /// Should the store stop answering between the lock check and this count, the check answers 503 (fail closed).
    /// </summary>
    public async ValueTask<ApiError?> CountFailedCheckAsync(VerificationRecord verification, DateTime now, CancellationToken cancellationToken)
    {
        var decision = await OnCheckPathAsync(
            new(FailuresKey(verification.TenantId, verification.To), _options.FailedChecksWindow, LimitUse.Signal), now, cancellationToken);
        if (decision is null)
        {
            return LimitsUnavailable();
        }
        if (decision.Value.IsRaised(0))
        {
            var entry = new AuditEntry("verification.number_locked", $"verification:{verification.Id}", verification.TenantId,
                $"to={verification.To} failures={_options.FailedChecksLockAfter} windowSeconds={_options.FailedChecksWindowSeconds}", Actor: "system:failed-check-lock");
            await writes.InsertAsync(audit.Stamp(entry));
        }
        return null;
    }

    private async ValueTask<MultiLimitDecision?> OnCheckPathAsync(LimitRequest request, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            return await store.TryAcquireAllAsync(new[] { request }, false, new DateTimeOffset(now), cancellationToken);
        }
        catch (LimitStoreUnavailableException e)
        {
            Log.CheckRefused(logger, e);
            metrics.StoreUnavailable("check");
            return null;
        }
    }

    private static ApiError LimitsUnavailable() =>
        ProblemTypes.LimitsUnavailable.With("The limits store does not answer, and checks need its failed-check counters; nothing was checked. Retry later.");
}
