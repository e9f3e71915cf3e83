using System.Globalization;

namespace SmsVerify.Bench.Versus;

/// <summary>What both senders send, so they carry the same text to the same kind of number.</summary>
internal static class VersusTexts
{
    /// <summary>Kannel's sender; SmsVerify's channel sends from <see cref="ChannelSourceAddress"/> plus the signature's extension.</summary>
    public const string SourceAddress = "10690001";

    public const string ChannelSourceAddress = "1069000";

    /// <summary>Real (non-test) mobile numbers, one per message: +86139 and eight digits.</summary>
    public static string Phone(int n) => "+86139" + n.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>
    /// The text SmsVerify renders from <see cref="LiveTenant.NotificationContent"/> for order <paramref name="order"/>, with its
    /// signature in front: one UCS-2 segment.
    /// </summary>
    public static string Notification(int order) =>
        "【某某科技】" + LiveTenant.NotificationContent.Replace("${order}", Order(order), StringComparison.Ordinal);

    // Eight digits from 10000000 up: a bare 95xxx or 96xxx is a public service's short number, which the content rules
    // refuse in a variable, so counting from 0 would refuse every message from the 95,000th on.
    public static string Order(int order) => (10_000_000 + order).ToString(CultureInfo.InvariantCulture);
}
