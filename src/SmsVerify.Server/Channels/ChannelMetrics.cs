using System.Diagnostics.Metrics;

namespace SmsVerify.Server.Channels;

/// <summary>
/// <c>smsverify.channels.breaker_changes</c>: a channel's circuit breaker changing state, tagged <c>channel</c> and
/// <c>state</c> = <c>open</c> (a trip: the channel takes no submits), <c>half_open</c> (a trial submit) or <c>closed</c>.
/// </summary>
public sealed class ChannelMetrics
{
    public const string MeterName = "SmsVerify.Channels";

    private static readonly string[] States = ["closed", "open", "half_open"];

    private readonly Counter<long> _breakerChanges;

    public ChannelMetrics(IMeterFactory meters) =>
        _breakerChanges = meters.Create(MeterName).CreateCounter<long>("smsverify.channels.breaker_changes", "{change}",
            "Channel circuit breakers changing state.");

    public void BreakerChanged(string channel, BreakerState state) =>
        _breakerChanges.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("state", States[(int)state]));
}
