using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Applies delivery receipts to parts, and parts to their message: delivered when every part is, failed (or
/// expired) as soon as one part is. A receipt for an id not (yet) recorded waits in <c>unmatched_receipts</c>.
/// </summary>
/// <remarks>
/// Receipts arrive as fast as messages are sent and are applied one after another by the write batcher, so each
/// is two statements written as SQL (LINQ's ExecuteUpdate costs more to translate than to run): one marks the part
/// and names its message, one settles the message and returns it for its webhook. Quoted names and typed
/// parameters work on both engines, and SQLite has had RETURNING since 3.35.
/// </remarks>
internal sealed class Receipts(WebhookOutbox webhooks, TimeProvider clock)
{
    /// <summary>Applies one receipt inside the caller's transaction; the caller saves.</summary>
    public async Task ApplyAsync(AppDbContext db, ReceiptEvent receipt, CancellationToken cancellationToken)
    {
        if (await ApplyToPartAsync(db, receipt.Channel, receipt.CarrierMessageId, receipt.Outcome, receipt.ErrorCode, receipt.DoneAt ?? receipt.ReceivedAt, cancellationToken))
        {
            return;
        }
        if (await db.MessageParts.AnyAsync(p => p.Channel == receipt.Channel && p.CarrierMessageId == receipt.CarrierMessageId, cancellationToken))
        {
            return; // Carriers repeat receipts; the first one counts.
        }
        db.UnmatchedReceipts.Add(new UnmatchedReceipt
        {
            Channel = receipt.Channel,
            CarrierMessageId = receipt.CarrierMessageId,
            Outcome = receipt.Outcome,
            ErrorCode = receipt.ErrorCode,
            DoneAt = receipt.DoneAt,
            ReceivedAt = receipt.ReceivedAt,
        });
    }

    /// <summary>Applies receipts that arrived before these parts were recorded.</summary>
    public async Task ApplyWaitingAsync(AppDbContext db, string channel, IReadOnlyList<string> carrierIds, CancellationToken cancellationToken)
    {
        var waiting = await db.UnmatchedReceipts.Where(r => r.Channel == channel && carrierIds.Contains(r.CarrierMessageId)).ToListAsync(cancellationToken);
        foreach (var receipt in waiting)
        {
            await ApplyToPartAsync(db, channel, receipt.CarrierMessageId, receipt.Outcome, receipt.ErrorCode, receipt.DoneAt ?? receipt.ReceivedAt, cancellationToken);
            db.UnmatchedReceipts.Remove(receipt);
        }
    }

    /// <summary>Marks the part, if it is recorded and has no outcome yet, and settles its message; false when it did neither.</summary>
    private async Task<bool> ApplyToPartAsync(
        AppDbContext db, string channel, string carrierId, ReceiptOutcome outcome, string? errorCode, DateTime doneAt, CancellationToken cancellationToken)
    {
        var outcomeName = outcome.ToString();
        var marked = await db.Database.SqlQuery<Guid>($"""
            UPDATE "message_parts" SET "Outcome" = {outcomeName}, "ErrorCode" = {errorCode}, "DoneAt" = {doneAt}
            WHERE "Channel" = {channel} AND "CarrierMessageId" = {carrierId} AND "Outcome" IS NULL
            RETURNING "MessageId" AS "Value"
            """).ToListAsync(cancellationToken);
        if (marked.Count == 0)
        {
            return false;
        }
        await SettleAsync(db, marked[0], outcome, errorCode, doneAt, cancellationToken);
        return true;
    }

    /// <summary>
    /// Counts a delivered part on the message's row, or fails it, in one conditional UPDATE: the row lock orders
    /// receipts for parts of one message, so the last part's receipt is the one that sees every other.
    /// </summary>
    private async Task SettleAsync(AppDbContext db, Guid messageId, ReceiptOutcome outcome, string? errorCode, DateTime doneAt, CancellationToken cancellationToken)
    {
        var failed = outcome != ReceiptOutcome.Delivered;
        var final = (outcome switch { ReceiptOutcome.Delivered => MessageStatus.Delivered, ReceiptOutcome.Expired => MessageStatus.Expired, _ => MessageStatus.Failed }).ToString();
        var error = failed ? errorCode ?? "undeliverable" : null;
        var submitted = nameof(MessageStatus.Submitted);
        var delivered = failed ? 0 : 1;
        var settled = await db.Messages.FromSql($"""
            UPDATE "messages" SET
                "DeliveredParts" = "DeliveredParts" + {delivered},
                "Status" = CASE WHEN {failed} OR "DeliveredParts" + 1 >= "PartCount" THEN {final} ELSE "Status" END,
                "ErrorCode" = CASE WHEN {failed} THEN {error} ELSE "ErrorCode" END,
                "DoneAt" = CASE WHEN {failed} OR "DeliveredParts" + 1 >= "PartCount" THEN {doneAt} ELSE "DoneAt" END
            WHERE "Id" = {messageId} AND "Status" = {submitted}
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        if (settled is [{ Status: not MessageStatus.Submitted } message])
        {
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
