using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Applies delivery receipts to parts, and parts to their message: delivered when every part is, failed (or
/// expired) as soon as one part is. A receipt for an id not (yet) recorded waits in <c>unmatched_receipts</c>.
/// </summary>
internal sealed class Receipts(WebhookOutbox webhooks, TimeProvider clock)
{
    /// <summary>Applies one receipt inside the caller's transaction; the caller saves.</summary>
    public async Task ApplyAsync(AppDbContext db, ReceiptEvent receipt, CancellationToken cancellationToken)
    {
        var part = await db.MessageParts.FirstOrDefaultAsync(p => p.Channel == receipt.Channel && p.CarrierMessageId == receipt.CarrierMessageId, cancellationToken);
        if (part is null)
        {
            db.UnmatchedReceipts.Add(new UnmatchedReceipt
            {
                Channel = receipt.Channel,
                CarrierMessageId = receipt.CarrierMessageId,
                Outcome = receipt.Outcome,
                ErrorCode = receipt.ErrorCode,
                DoneAt = receipt.DoneAt,
                ReceivedAt = receipt.ReceivedAt,
            });
            return;
        }
        await ApplyToPartAsync(db, part, receipt.Outcome, receipt.ErrorCode, receipt.DoneAt ?? receipt.ReceivedAt, cancellationToken);
    }

    /// <summary>Applies receipts that arrived before these parts were recorded.</summary>
    public async Task ApplyWaitingAsync(AppDbContext db, string channel, IReadOnlyList<string> carrierIds, CancellationToken cancellationToken)
    {
        var waiting = await db.UnmatchedReceipts.Where(r => r.Channel == channel && carrierIds.Contains(r.CarrierMessageId)).ToListAsync(cancellationToken);
        foreach (var receipt in waiting)
        {
            var part = await db.MessageParts.FirstAsync(p => p.Channel == channel && p.CarrierMessageId == receipt.CarrierMessageId, cancellationToken);
            await ApplyToPartAsync(db, part, receipt.Outcome, receipt.ErrorCode, receipt.DoneAt ?? receipt.ReceivedAt, cancellationToken);
            db.UnmatchedReceipts.Remove(receipt);
        }
    }

    private async Task ApplyToPartAsync(AppDbContext db, MessagePart part, ReceiptOutcome outcome, string? errorCode, DateTime doneAt, CancellationToken cancellationToken)
    {
        if (part.Outcome is not null)
        {
            return; // Carriers repeat receipts; the first one counts.
        }
        part.Outcome = outcome;
        part.ErrorCode = errorCode;
        part.DoneAt = doneAt;
        // Takes the message's row lock first, so receipts for two parts of one message settle it one after the other.
        await db.Messages.Where(m => m.Id == part.MessageId).ExecuteUpdateAsync(set => set.SetProperty(m => m.Attempts, m => m.Attempts), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var parts = await db.MessageParts.AsNoTracking().Where(p => p.MessageId == part.MessageId).ToListAsync(cancellationToken);
        var failed = parts.Find(p => p.Outcome is ReceiptOutcome.Failed or ReceiptOutcome.Expired);
        MessageStatus? status = failed is not null
            ? failed.Outcome == ReceiptOutcome.Expired ? MessageStatus.Expired : MessageStatus.Failed
            : parts.TrueForAll(p => p.Outcome == ReceiptOutcome.Delivered) ? MessageStatus.Delivered : null;
        if (status is not { } final)
        {
            return;
        }
        var settled = await db.Messages.Where(m => m.Id == part.MessageId && m.Status == MessageStatus.Submitted).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, final)
            .SetProperty(m => m.ErrorCode, failed == null ? null : failed.ErrorCode ?? "undeliverable")
            .SetProperty(m => m.DoneAt, doneAt), cancellationToken);
        if (settled == 1)
        {
            var message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == part.MessageId, cancellationToken);
            await webhooks.EnqueueAsync(db, message.TenantId, MessageView.StatusEvent, MessageView.From(message), cancellationToken);
        }
    }

    /// <summary>Drops what is older than the receipt window: parts no receipt will come for, receipts no part will.</summary>
    public async Task<(int Parts, int Unmatched)> PruneAsync(AppDbContext db, TimeSpan window, CancellationToken cancellationToken)
    {
        var before = clock.UtcNowForStorage() - window;
        var parts = await db.MessageParts.Where(p => p.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        var unmatched = await db.UnmatchedReceipts.Where(r => r.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
        return (parts, unmatched);
    }
}
