using System.Diagnostics.Metrics;

namespace SmsVerify.Server.Limits;

/// <summary>
/// <c>smsverify.limits.store_unavailable</c>: requests that found the limits store silent, tagged
/// <c>operation</c> = <c>send</c> (sent under the fallback budget) or <c>check</c> (refused with 503).
/// </summary>
public sealed class LimitsMetrics
{
    public const string MeterName = "SmsVerify.Limits";

    private readonly Counter<long> _unavailable;

    public LimitsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _unavailable = meter.CreateCounter<long>("smsverify.limits.store_unavailable", "{request}",
            "Requests that found the limits store unavailable.");
    }

    public void StoreUnavailable(string operation) => _unavailable.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
