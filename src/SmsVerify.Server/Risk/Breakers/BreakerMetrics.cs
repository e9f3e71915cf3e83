using System.Diagnostics.Metrics;

namespace SmsVerify.Server.Risk.Breakers;

/// <summary>
/// <c>smsverify.risk.breakers_opened</c>: content breakers this node opened, tagged <c>scope</c> = <c>template</c>,
/// <c>signature</c> or <c>tenant</c>. Each one stops a tenant's sends until a risk officer resets it.
/// </summary>
public sealed class BreakerMetrics
{
    public const string MeterName = "SmsVerify.Risk";

    private readonly Counter<long> _opened;

    public BreakerMetrics(IMeterFactory meters) =>
        _opened = meters.Create(MeterName).CreateCounter<long>("smsverify.risk.breakers_opened", "{breaker}", "Content circuit breakers opened.");

    public void Opened(BreakerScope scope) => _opened.Add(1, new KeyValuePair<string, object?>("scope", scope switch
    {
        BreakerScope.Template => "template",
        BreakerScope.Signature => "signature",
        _ => "tenant",
    }));
}
