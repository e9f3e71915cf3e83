using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Compat.Callbacks;

/// <summary>
/// What the vendors' callback writers read: the events as the outbox stored them, and what their shapes need that a
/// stored event lacks (a message's client reference, the first message of its send, a reply's signature).
/// </summary>
internal static class CallbackEvents
{
    // The app's JSON settings, with which the outbox wrote the events (camelCase, enums in snake_case).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The final outcomes among the status events, oldest first: vendors report those, not each step on the way.</summary>
    public static List<MessageView> FinalStatuses(List<WebhookDelivery> deliveries) =>
        [.. deliveries.Select(Data<MessageView>).Where(v => v.Status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired)];

    public static InboundView Reply(WebhookDelivery delivery) => Data<InboundView>(delivery);

    /// <summary>The messages' client references and send times (OutId at Alibaba, SessionContext at Tencent), by id.</summary>
    public static async Task<Dictionary<Guid, SentMessage>> MessagesAsync(AppDbContext db, List<MessageView> views, CancellationToken cancellationToken)
    {
        var ids = views.ConvertAll(v => v.Id);
        return await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new SentMessage(m.Id, m.TenantId, m.CreatedAt, m.ClientReference)).ToDictionaryAsync(m => m.Id, cancellationToken);
    }

    /// <summary>The signature a reply answered: its name and its extension (the number's tail the reply was sent to).</summary>
    public static async Task<(string Name, string Extension)> SignatureAsync(AppDbContext db, Guid? signatureId, CancellationToken cancellationToken) =>
        signatureId is null ? ("", "") : await db.Signatures.AsNoTracking().Where(s => s.Id == signatureId)
            .Select(s => new ValueTuple<string, string>(s.Name, s.Extension)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>China time, <c>yyyy-MM-dd HH:mm:ss</c>: both vendors write their callbacks' times so.</summary>
    public static string ChinaTime(DateTime utc) => (utc + MarketingWindow.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static long UnixSeconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    /// <summary>A Chinese number without its <c>+86</c>, as both vendors write it; others as E.164 digits.</summary>
    public static (string CountryCode, string Number) Split(string e164) =>
        e164.StartsWith("+86", StringComparison.Ordinal) ? ("86", e164[3..]) : ("", e164.TrimStart('+'));

    private static T Data<T>(WebhookDelivery delivery) => JsonSerializer.Deserialize<Stored<T>>(delivery.Payload, Json)!.Data;

    private sealed record Stored<T>(T Data);
}

internal sealed record SentMessage(Guid Id, Guid TenantId, DateTime CreatedAt, string? ClientReference);
