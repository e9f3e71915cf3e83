using System.Globalization;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Messages;

namespace SmsVerify.Server.WebConsole;

/// <summary>How the console names and colours message statuses, carriers and channel states, and writes rates.</summary>
public static class TrafficText
{
    /// <summary>The statuses in the order a message passes through them, each with its colour in the charts.</summary>
    public static readonly IReadOnlyList<(MessageStatus Status, string Name, string Color)> Statuses =
    [
        (MessageStatus.Queued, "Queued", "#9aa5b8"),
        (MessageStatus.Submitted, "Sent to carrier", "#2f6fdf"),
        (MessageStatus.Delivered, "Delivered", "#1f8a4c"),
        (MessageStatus.Failed, "Failed", "#c0392b"),
        (MessageStatus.Expired, "Expired", "#d68910"),
    ];

    public static string CarrierName(string carrier) => carrier switch
    {
        nameof(Carrier.ChinaMobile) => "China Mobile",
        nameof(Carrier.ChinaUnicom) => "China Unicom",
        nameof(Carrier.ChinaTelecom) => "China Telecom",
        nameof(Carrier.ChinaBroadnet) => "China Broadnet",
        _ => "Other",
    };

    public static string CarrierName(Carrier carrier) => CarrierName(carrier.ToString());

    public static string StateName(ChannelState state) => state switch
    {
        ChannelState.Up => "Up",
        ChannelState.Connecting => "Connecting",
        ChannelState.Down => "Down",
        ChannelState.Standby => "Standby",
        _ => "Tripped",
    };

    public static string BreakerName(BreakerState state) => state switch
    {
        BreakerState.Closed => "Closed",
        BreakerState.Open => "Tripped",
        _ => "Half open",
    };

    /// <summary>A share as a percentage with one decimal, or a dash when nothing was counted.</summary>
    public static string Percent(double? share) => share is { } value ? value.ToString("0.#%", CultureInfo.InvariantCulture) : "—";
}
