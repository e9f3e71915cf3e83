namespace SmsVerify.Server.Limits;

/// <summary>One window of a limit and how many hits it holds now.</summary>
public sealed record LimitFill(RateWindow Window, int Used);

// How full a tenant's own limits on one number are, for its console: read from the store, counting nothing. The
// platform's windows across tenants are left out: their counts include other tenants' sends.
public sealed partial class VerificationLimits
{
    /// <summary>The tenant's windows for <paramref name="to"/> and its failed-check lock, filled; null while the store does not answer.</summary>
    public async Task<(List<LimitFill> Sends, LimitFill WrongCodes)?> NumberFillAsync(Guid tenantId, string to, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            var windows = verification.Value.Windows;
            var sends = await store.CountAsync(TenantNumberKey(tenantId, to), windows, new DateTimeOffset(now), cancellationToken);
            var failures = await store.CountAsync(FailuresKey(tenantId, to), _options.FailedChecksWindow, new DateTimeOffset(now), cancellationToken);
            return ([.. windows.Select((w, i) => new LimitFill(w, sends[i]))], new LimitFill(_options.FailedChecksWindow[0], failures[0]));
        }
        catch (LimitStoreUnavailableException)
        {
            return null;
        }
    }
}
