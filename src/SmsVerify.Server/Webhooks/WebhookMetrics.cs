using System.Diagnostics.Metrics;

namespace SmsVerify.Server.Webhooks;

/// <summary>
/// <c>smsverify.webhooks.lag</c>: seconds from an event's creation to its tenant's endpoint accepting it.
/// <c>smsverify.webhooks.failures</c>: events an attempt failed to post, tagged <c>given_up</c> = <c>true</c> when
/// it was the last attempt (the event is dropped) or <c>false</c> (it is retried later).
/// </summary>
internal sealed class WebhookMetrics
{
    public const string MeterName = "SmsVerify.Webhooks";

    private static readonly KeyValuePair<string, object?> GivenUp = new("given_up", "true"), Retried = new("given_up", "false");

    private readonly Histogram<double> _lag;
    private readonly Counter<long> _failures;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _lag = meter.CreateHistogram<double>("smsverify.webhooks.lag", "s", "From an event's creation to its endpoint accepting it.");
        _failures = meter.CreateCounter<long>("smsverify.webhooks.failures", "{event}", "Events a webhook attempt failed to post.");
    }

    /// <summary>One request that carried <paramref name="deliveries"/>.</summary>
    public void Attempted(List<WebhookDelivery> deliveries, bool delivered, bool giveUp, DateTime now)
    {
        if (!delivered)
        {
            _failures.Add(deliveries.Count, giveUp ? GivenUp : Retried);
            return;
        }
        if (_lag.Enabled)
        {
            foreach (var delivery in deliveries)
            {
                _lag.Record((now - delivery.CreatedAt).TotalSeconds);
            }
        }
    }
}
