namespace SmsVerify.Server.Webhooks;

/// <summary>
/// The shape a tenant's webhook bodies take. An app moving from Alibaba or Tencent keeps the receiver it has: the same
/// events, through the same outbox and retries, are written as that vendor's status-report and reply callbacks
/// (docs/compat-alibaba.md, docs/compat-tencent.md).
/// </summary>
public enum WebhookFormat { SmsVerify, Alibaba, Tencent }

public static class WebhookFormats
{
    /// <summary>
    /// The events a vendor's callbacks have a shape for: its status reports and its replies. Other events have
    /// none, so a vendor-format webhook does not take them.
    /// </summary>
    public static readonly string[] VendorEvents = [Messages.MessageView.StatusEvent, Messages.Inbound.InboundMessages.ReceivedEvent];
}
