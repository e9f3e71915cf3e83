namespace SmsVerify.Server.Webhooks;

/// <summary>
/// The shape a tenant's webhook bodies take. An app moving from Alibaba or Tencent keeps the receiver it has: the same
/// events, through the same outbox and retries, are written as that vendor's status-report and reply callbacks
/// (docs/compat-alibaba.md, docs/compat-tencent.md).
/// </summary>
public enum WebhookFormat { SmsVerify, Alibaba, Tencent }

public static class WebhookFormats
{
    /// <summary>The names the API takes and shows.</summary>
    public static readonly Dictionary<string, WebhookFormat> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["smsverify"] = WebhookFormat.SmsVerify,
        ["alibaba"] = WebhookFormat.Alibaba,
        ["tencent"] = WebhookFormat.Tencent,
    };

    public static string Name(this WebhookFormat format) => Names.First(n => n.Value == format).Key;

    /// <summary>
    /// The events a vendor's callbacks have a shape for: its status reports and its replies. Other events have
    /// none, so a vendor-format webhook does not take them.
    /// </summary>
    public static readonly string[] VendorEvents = [Messages.MessageView.StatusEvent, Messages.Inbound.InboundMessages.ReceivedEvent];
}
