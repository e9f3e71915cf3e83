using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Signatures;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Inbound;

/// <summary>
/// Files a message from a phone under the tenant whose signature's extension ends the number it was sent to,
/// and puts the sender on that signature's opt-out list when it says so.
/// </summary>
public sealed class InboundMessages(WebhookOutbox webhooks)
{
    public const int MaxTextLength = 1000;
    public const string ReceivedEvent = "inbound.received";

    /// <summary>The replies that mean "no more marketing" (the carriers' R/TD/T, and the English ones).</summary>
    private static readonly HashSet<string> OptOutWords = new(StringComparer.OrdinalIgnoreCase) { "R", "TD", "T", "STOP", "UNSUBSCRIBE", "退订" };

    public static bool IsOptOut(string text) => OptOutWords.Contains(text.Trim().Trim('。', '.', '!', '！'));

    /// <summary>Stores one carrier's inbound message inside the caller's transaction; the caller saves.</summary>
    public async Task StoreAsync(AppDbContext db, InboundEvent inbound, CancellationToken cancellationToken)
    {
        var extension = inbound.To.Length >= SourceExtensions.Length ? inbound.To[^SourceExtensions.Length..] : null;
        var signature = extension is null ? null : await db.Signatures.AsNoTracking()
            .Where(s => s.Extension == extension).Select(s => new { s.Id, s.TenantId }).FirstOrDefaultAsync(cancellationToken);
        await StoreAsync(db, signature?.TenantId, signature?.Id, inbound, cancellationToken);
    }

    public async Task<InboundMessage> StoreAsync(AppDbContext db, Guid? tenantId, Guid? signatureId, InboundEvent inbound, CancellationToken cancellationToken)
    {
        var from = PhoneNumberParser.TryParseMobile(inbound.From, out var e164) ? e164 : Bounded(inbound.From, 24);
        var optOut = signatureId is not null && tenantId is not null && IsOptOut(inbound.Text);
        var message = new InboundMessage
        {
            TenantId = tenantId,
            SignatureId = signatureId,
            From = from,
            To = Bounded(inbound.To, 24),
            Text = Bounded(inbound.Text, MaxTextLength),
            Channel = inbound.Channel,
            OptedOut = optOut,
            ReceivedAt = inbound.ReceivedAt,
        };
        db.InboundMessages.Add(message);
        if (optOut && !await db.OptOuts.AnyAsync(o => o.SignatureId == signatureId && o.Phone == from, cancellationToken))
        {
            db.OptOuts.Add(new OptOut { SignatureId = signatureId!.Value, Phone = from, TenantId = tenantId!.Value, CreatedAt = inbound.ReceivedAt });
        }
        if (tenantId is { } tenant)
        {
            await webhooks.EnqueueAsync(db, tenant, ReceivedEvent, InboundView.Of(message), cancellationToken);
        }
        return message;
    }

    private static string Bounded(string text, int max) => text.Length <= max ? text : text[..max];
}

public sealed record InboundView(Guid Id, string From, string To, string Text, Guid? SignatureId, bool OptedOut, string Channel, DateTime ReceivedAt)
{
    public static InboundView Of(InboundMessage m) => new(m.Id, m.From, m.To, m.Text, m.SignatureId, m.OptedOut, m.Channel, m.ReceivedAt);
}
