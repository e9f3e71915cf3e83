using System.Text.Encodings.Web;
using System.Text.Json;
using SmsVerify.Server.Compat.Callbacks;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>
/// A webhook in Tencent's format: status events as its status callback (a JSON array,
/// https://cloud.tencent.com/document/api/382/5807), a reply as its reply callback (one object). <c>sid</c> is the
/// SerialNo SendSms answered (the message id); the SessionContext given to SendSms comes back in <c>ext</c>, which
/// Tencent's documented shape does not have and a receiver that does not know it ignores.
/// </summary>
internal sealed class TencentCallbacks : IWebhookFormatWriter
{
    public WebhookFormat Format => WebhookFormat.Tencent;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<string?> WriteAsync(AppDbContext db, List<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries[0].Event == InboundMessages.ReceivedEvent)
        {
            return JsonSerializer.Serialize(await ReplyAsync(db, deliveries[0], cancellationToken), Json);
        }
        var views = deliveries[0].Event == MessageView.StatusEvent ? CallbackEvents.FinalStatuses(deliveries) : [];
        if (views.Count == 0)
        {
            return null;
        }
        var messages = await CallbackEvents.MessagesAsync(db, views, cancellationToken);
        return JsonSerializer.Serialize(views.ConvertAll(v => Report(v, messages.GetValueOrDefault(v.Id)?.ClientReference)), Json);
    }

    private static StatusReport Report(MessageView v, string? sessionContext)
    {
        var delivered = v.Status == MessageStatus.Delivered;
        var (country, number) = CallbackEvents.Split(v.To);
        var error = delivered ? "DELIVRD" : v.ErrorCode ?? v.Status.ToString().ToUpperInvariant();
        return new StatusReport(CallbackEvents.ChinaTime(v.DoneAt ?? v.CreatedAt), country, number, delivered ? "SUCCESS" : "FAIL", error,
            delivered ? "用户短信送达成功" : error, v.Id.ToString(), new Ext(sessionContext ?? ""));
    }

    private static async Task<ReplyCallback> ReplyAsync(AppDbContext db, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var reply = CallbackEvents.Reply(delivery);
        var (signName, _) = await CallbackEvents.SignatureAsync(db, reply.SignatureId, cancellationToken);
        var (country, number) = CallbackEvents.Split(reply.From);
        // extend is the ExtendCode a send carried, which SmsVerify does not keep: empty, as Tencent sends it by default.
        return new ReplyCallback("", number, country, signName ?? "", reply.Text, CallbackEvents.UnixSeconds(reply.ReceivedAt));
    }

#pragma warning disable IDE1006 // Tencent's names, written as they are on the wire.
    internal sealed record StatusReport(
        string user_receive_time, string nationcode, string mobile, string report_status, string errmsg, string description, string sid, Ext ext);

    internal sealed record Ext(string SessionContext);

    internal sealed record ReplyCallback(string extend, string mobile, string nationcode, string sign, string text, long time);
#pragma warning restore IDE1006
}
