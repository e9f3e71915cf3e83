using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Compat.Callbacks;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// A webhook in Alibaba's format: status events as SmsReport, replies as SmsUp, each a JSON array as Alibaba's HTTP
/// batch push posts them (https://help.aliyun.com/document_detail/101867.html). Alibaba's receiver answers
/// <c>{"code":0,…}</c>; any 2xx counts as received here, as for every webhook.
/// </summary>
internal sealed class AlibabaCallbacks : IWebhookFormatWriter
{
    public WebhookFormat Format => WebhookFormat.Alibaba;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public async Task<string?> WriteAsync(AppDbContext db, List<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries[0].Event == InboundMessages.ReceivedEvent)
        {
            // One reply a delivery (only status events are batched), posted as Alibaba's array of one.
            return JsonSerializer.Serialize(new[] { await SmsUpAsync(db, deliveries[0], cancellationToken) }, Json);
        }
        var views = deliveries[0].Event == MessageView.StatusEvent ? CallbackEvents.FinalStatuses(deliveries) : [];
        if (views.Count == 0)
        {
            return null;
        }
        var messages = await CallbackEvents.MessagesAsync(db, views, cancellationToken);
        var bizIds = await BizIdsAsync(db, [.. messages.Values], cancellationToken);
        return JsonSerializer.Serialize(views.ConvertAll(v => Report(v, messages.GetValueOrDefault(v.Id), bizIds)), Json);
    }

    private static SmsReport Report(MessageView v, SentMessage? sent, Dictionary<DateTime, string> bizIds)
    {
        var delivered = v.Status == MessageStatus.Delivered;
        var code = delivered ? "DELIVERED" : v.Status == MessageStatus.Expired ? "EXPIRED" : AlibabaCodes.ForMessageError(v.ErrorCode ?? "undeliverable");
        return new SmsReport(
            PhoneNumber: v.To.StartsWith("+86", StringComparison.Ordinal) ? v.To[3..] : v.To,
            SendTime: CallbackEvents.ChinaTime(v.SubmittedAt ?? v.CreatedAt),
            ReportTime: CallbackEvents.ChinaTime(v.DoneAt ?? v.CreatedAt),
            Success: delivered,
            ErrCode: code,
            ErrMsg: delivered ? "用户接收成功" : code,
            SmsSize: v.Segments.ToString(CultureInfo.InvariantCulture),
            BizId: sent is not null && bizIds.TryGetValue(sent.CreatedAt, out var bizId) ? bizId : AlibabaBizId.Of(v.Id),
            OutId: sent?.ClientReference ?? "");
    }

    /// <summary>
    /// The BizId SendSms answered for each send among <paramref name="sent"/>: a send's messages share their tenant
    /// and the moment they were stored (<see cref="AlibabaBizId"/>). One read for the batch's sends.
    /// </summary>
    private static async Task<Dictionary<DateTime, string>> BizIdsAsync(AppDbContext db, List<SentMessage> sent, CancellationToken cancellationToken)
    {
        if (sent.Count == 0)
        {
            return [];
        }
        var tenantId = sent[0].TenantId;
        var moments = sent.Select(m => m.CreatedAt).Distinct().ToList();
        var sends = await db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId && moments.Contains(m.CreatedAt))
            .Select(m => new { m.Id, m.CreatedAt }).ToListAsync(cancellationToken);
        return sends.GroupBy(m => m.CreatedAt).ToDictionary(g => g.Key, g => AlibabaBizId.Of(AlibabaBizId.FirstOf(g.Select(m => m.Id))));
    }

    private static async Task<SmsUp> SmsUpAsync(AppDbContext db, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var reply = CallbackEvents.Reply(delivery);
        var (signName, extension) = await CallbackEvents.SignatureAsync(db, reply.SignatureId, cancellationToken);
        return new SmsUp(
            PhoneNumber: reply.From.StartsWith("+86", StringComparison.Ordinal) ? reply.From[3..] : reply.From,
            SendTime: CallbackEvents.ChinaTime(reply.ReceivedAt),
            Content: reply.Text,
            SignName: signName ?? "",
            DestCode: extension ?? "",
            SequenceId: SequenceId(reply.Id));
    }

    /// <summary>Alibaba numbers each reply; ours is the reply id's leading 63 bits (its time, then random), unique enough to de-duplicate by.</summary>
    private static long SequenceId(Guid replyId) => long.Parse(replyId.ToString("N")[..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture) & long.MaxValue;

    internal sealed record SmsReport(
        string PhoneNumber, string SendTime, string ReportTime, bool Success, string ErrCode, string ErrMsg, string SmsSize, string BizId, string OutId);

    internal sealed record SmsUp(string PhoneNumber, string SendTime, string Content, string SignName, string DestCode, long SequenceId);
}
