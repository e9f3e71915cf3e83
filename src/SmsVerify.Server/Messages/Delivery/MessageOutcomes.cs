using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Writes what became of a claimed message, each in one transaction with its refund and its <c>message.status</c>
/// event. Every write is conditional on the claim: a worker whose lease ran out changes nothing.
/// </summary>
internal sealed class MessageOutcomes(AppDbContext db, WriteBatcher writes, WebhookOutbox webhooks, Receipts receipts, TimeProvider clock)
{
    /// <summary>
    /// The common outcome, so it is group-committed with the other submits of the moment: with a window of many
    /// submits in flight, one commit each would make the database's commit rate the ceiling of sending.
    /// </summary>
    public async Task SubmittedAsync(MessageRecord message, string channel, IReadOnlyList<string> carrierIds, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        await writes.WriteAsync(async batch =>
        {
            // The carrier has it whether or not the lease still holds, so its parts are recorded either way.
            AddParts(batch, message.Id, channel, carrierIds, now);
            await batch.SaveChangesAsync(CancellationToken.None);
            var updated = await Claimed(batch, message).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, MessageStatus.Submitted)
                .SetProperty(m => m.Channel, channel)
                .SetProperty(m => m.SubmittedAt, now)
                .SetProperty(m => m.ErrorCode, (string?)null)
                .SetProperty(m => m.TextSeal, (byte[]?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null), CancellationToken.None);
            if (updated == 1)
            {
                await StatusEventAsync(batch, message.Id, CancellationToken.None);
            }
            // Receipts can overtake the submit's answer; any that did are waiting.
            await receipts.ApplyWaitingAsync(batch, channel, carrierIds, CancellationToken.None);
            await batch.SaveChangesAsync(CancellationToken.None);
            return updated;
        });
        webhooks.Wake();
    }

    /// <summary>
    /// The carrier may have it: back in the queue, marked, to be tried again at <paramref name="retryAt"/>; with no
    /// retry time it fails as <c>outcome_unknown</c>, not refunded. Parts the carrier did accept are recorded.
    /// </summary>
    public async Task UnknownAsync(MessageRecord message, string channel, SubmitOutcome.Unknown unknown, DateTime? retryAt, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        await InTransactionAsync(async () =>
        {
            AddParts(db, message.Id, channel, unknown.AcceptedCarrierMessageIds, now);
            await db.SaveChangesAsync(cancellationToken);
            var updated = await Claimed(db, message).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.OutcomeUnknown, true)
                .SetProperty(m => m.ErrorCode, "outcome_unknown")
                .SetProperty(m => m.Status, retryAt == null ? MessageStatus.Failed : MessageStatus.Queued)
                .SetProperty(m => m.DoneAt, retryAt == null ? now : null)
                .SetProperty(m => m.TextSeal, m => retryAt == null ? null : m.TextSeal)
                .SetProperty(m => m.NextAttemptAt, retryAt ?? now)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null), cancellationToken);
            if (updated == 1 && retryAt is null)
            {
                await StatusEventAsync(db, message.Id, cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>Ends a message no carrier accepted: refunded, unless an earlier attempt may have reached one.</summary>
    public async Task FinishUnsentAsync(MessageRecord message, MessageStatus status, string errorCode, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        await InTransactionAsync(async () =>
        {
            var updated = await Claimed(db, message).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.ErrorCode, errorCode)
                .SetProperty(m => m.DoneAt, now)
                .SetProperty(m => m.TextSeal, (byte[]?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null), cancellationToken);
            if (updated == 1)
            {
                if (!message.OutcomeUnknown)
                {
                    await Balances.RefundAsync(db, message.TenantId, message.Cost, cancellationToken);
                }
                await StatusEventAsync(db, message.Id, cancellationToken);
            }
        }, cancellationToken);
    }

    public Task RequeueAsync(MessageRecord message, string errorCode, DateTime retryAt, CancellationToken cancellationToken) =>
        Claimed(db, message).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.ErrorCode, errorCode)
            .SetProperty(m => m.NextAttemptAt, retryAt)
            .SetProperty(m => m.LeaseUntil, (DateTime?)null)
            .SetProperty(m => m.ClaimToken, (Guid?)null), cancellationToken);

    private static IQueryable<MessageRecord> Claimed(AppDbContext db, MessageRecord message) =>
        db.Messages.Where(m => m.Id == message.Id && m.ClaimToken == message.ClaimToken);

    private static void AddParts(AppDbContext db, Guid messageId, string channel, IReadOnlyList<string> carrierIds, DateTime now)
    {
        for (var i = 0; i < carrierIds.Count; i++)
        {
            db.MessageParts.Add(new MessagePart { Channel = channel, CarrierMessageId = carrierIds[i], MessageId = messageId, Index = i, CreatedAt = now });
        }
    }

    private async Task StatusEventAsync(AppDbContext db, Guid messageId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == messageId, cancellationToken);
        await webhooks.EnqueueAsync(db, message.TenantId, MessageView.StatusEvent, MessageView.From(message), cancellationToken);
    }

    private async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await work();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        webhooks.Wake();
    }
}
