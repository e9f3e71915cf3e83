using System.Diagnostics.Metrics;

namespace SmsVerify.Server.Limits;

/// <summary>
/// <c>smsverify.limits.store_unavailable</c>: requests that found the limits store silent, tagged
/// <c>operation</c> = <c>send</c> (sent under the fallback budget) or <c>check</c> (refused with 503).
/// <c>smsverify.limits.refused</c>: requests a limit refused, tagged <c>kind</c>: <c>tenant</c> (the tenant's windows
/// per number), <c>recipient</c> (all tenants' per number), <c>bucket</c> (the tenant's own rate limits), <c>lock</c>
/// (failed checks), <c>end_user_ip</c> or <c>number_block</c> (a raised risk signal that asked for a captcha).
/// </summary>
public sealed class LimitsMetrics
{
    public const string MeterName = "SmsVerify.Limits";

    private readonly Counter<long> _unavailable;
    private readonly Counter<long> _refused;

    public LimitsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _unavailable = meter.CreateCounter<long>("smsverify.limits.store_unavailable", "{request}",
            "Requests that found the limits store unavailable.");
        _refused = meter.CreateCounter<long>("smsverify.limits.refused", "{request}", "Requests a limit refused, by kind.");
    }

    public void Refused(string kind) => _refused.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void StoreUnavailable(string operation) => _unavailable.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
