using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Signatures;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Inbound;

/// <summary>
/// Files a message from a phone under the tenant whose signature's extension ends the number it was sent to,
/// and puts the sender on that signature's opt-out list when it says so.
/// </summary>
public sealed class InboundMessages(WebhookOutbox webhooks, IEnumerable<IInboundRelay> relays)
{
    public const int MaxTextLength = 1000;
    public const string ReceivedEvent = "inbound.received";

    /// <summary>The replies that mean "no more marketing" (the carriers' R/TD/T, and the English ones).</summary>
    private static readonly HashSet<string> OptOutWords = new(StringComparer.OrdinalIgnoreCase) { "R", "TD", "T", "STOP", "UNSUBSCRIBE", "退订" };

    public static bool IsOptOut(string text) => OptOutWords.Contains(text.Trim().Trim('。', '.', '!', '！'));

    /// <summary>
    /// Stores one carrier's inbound message inside the caller's transaction; the caller saves. A part of a long
    /// message waits for the others, and the last to arrive files the whole text.
    /// </summary>
    public async Task StoreAsync(AppDbContext db, InboundEvent inbound, CancellationToken cancellationToken)
    {
        if (inbound.Part is { } part)
        {
            if (await JoinAsync(db, inbound, part, cancellationToken) is not { } whole)
            {
                return;
            }
            inbound = whole;
        }
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
            foreach (var relay in relays)
            {
                await relay.QueueAsync(db, message, cancellationToken);
            }
        }
        return message;
    }

    /// <summary>The whole message once this part completes it; null while parts are missing (or this one is a repeat).</summary>
    private static async Task<InboundEvent?> JoinAsync(AppDbContext db, InboundEvent inbound, InboundPart part, CancellationToken cancellationToken)
    {
        var from = Bounded(inbound.From, 24);
        var to = Bounded(inbound.To, 24);
        var stored = await db.InboundMessageParts
            .Where(p => p.From == from && p.To == to && p.Reference == part.Reference && p.Total == part.Total).ToListAsync(cancellationToken);
        if (stored.Exists(p => p.Sequence == part.Sequence))
        {
            return null; // the carrier delivered this part again
        }
        if (stored.Count + 1 < part.Total)
        {
            db.InboundMessageParts.Add(new InboundMessagePart
            {
                From = from,
                To = to,
                Reference = part.Reference,
                Total = part.Total,
                Sequence = part.Sequence,
                Text = Bounded(inbound.Text, MaxTextLength),
                Channel = inbound.Channel,
                ReceivedAt = inbound.ReceivedAt,
            });
            return null;
        }
        db.InboundMessageParts.RemoveRange(stored);
        var texts = stored.Select(p => (p.Sequence, p.Text)).Append((part.Sequence, inbound.Text)).OrderBy(p => p.Sequence).Select(p => p.Text);
        return inbound with { Text = string.Concat(texts), Part = null };
    }

    /// <summary>
    /// Files long messages whose missing parts never came, as far as they arrived ("…" where a part is missing):
    /// the carrier was told each part arrived, so none may be dropped.
    /// </summary>
    public async Task<int> FileIncompleteAsync(AppDbContext db, DateTime receivedBefore, CancellationToken cancellationToken)
    {
        var stale = await db.InboundMessageParts.Where(p => p.ReceivedAt < receivedBefore).ToListAsync(cancellationToken);
        var groups = stale.GroupBy(p => (p.From, p.To, p.Reference, p.Total)).ToList();
        foreach (var group in groups)
        {
            var parts = group.ToDictionary(p => p.Sequence, p => p.Text);
            var text = string.Concat(Enumerable.Range(1, group.Key.Total).Select(i => parts.GetValueOrDefault(i, "…")));
            var last = group.MaxBy(p => p.ReceivedAt)!;
            db.InboundMessageParts.RemoveRange(group);
            await StoreAsync(db, new InboundEvent(last.Channel, last.ReceivedAt, group.Key.From, group.Key.To, text), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return groups.Count;
    }

    private static string Bounded(string text, int max) => CarrierFields.Bounded(text, max);
}

public sealed record InboundView(Guid Id, string From, string To, string Text, Guid? SignatureId, bool OptedOut, string Channel, DateTime ReceivedAt)
{
    public static InboundView Of(InboundMessage m) => new(m.Id, m.From, m.To, m.Text, m.SignatureId, m.OptedOut, m.Channel, m.ReceivedAt);
}
