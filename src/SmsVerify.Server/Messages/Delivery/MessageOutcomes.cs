using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Writes what became of a claimed message, each with its refund and its <c>message.status</c> event. Every write
/// is conditional on the claim, so a worker whose lease ran out changes nothing, and every write is group-committed
/// through the <see cref="WriteBatcher"/>: with a window of submits in flight, one commit each would make the
/// database's commit rate the ceiling of sending.
/// </summary>
internal sealed class MessageOutcomes(
    WriteBatcher writes, WebhookOutbox webhooks, StatusEvents events, Receipts receipts, MessageMetrics metrics, TimeProvider clock, IOptions<DeliveryOptions> options)
{
    private readonly AcceptedSubmits _accepted = new(events, receipts, clock, options.Value.Lease);

    /// <summary>Records a submit the carrier accepted, together with the other accepted submits of the batch.</summary>
    public Task SubmittedAsync(MessageRecord message, string channel, IReadOnlyList<string> carrierIds) =>
        writes.WriteAsync(_accepted, new AcceptedSubmit(message, channel, CarrierFields.Ids(carrierIds)));

    /// <summary>
    /// The carrier may have it: back in the queue, marked, to be tried again at <paramref name="retryAt"/>; with no
    /// retry time it fails as <c>outcome_unknown</c>, not refunded. Parts the carrier did accept are recorded.
    /// </summary>
    public Task UnknownAsync(MessageRecord message, string channel, SubmitOutcome.Unknown unknown, DateTime? retryAt) => WriteAsync(async db =>
    {
        var now = clock.UtcNowForStorage();
        AddParts(db, message.Id, channel, CarrierFields.Ids(unknown.AcceptedCarrierMessageIds), now);
        await db.SaveChangesAsync();
        var updated = await Claimed(db, message).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.OutcomeUnknown, true)
            .SetProperty(m => m.ErrorCode, "outcome_unknown")
            .SetProperty(m => m.Status, retryAt == null ? MessageStatus.Failed : MessageStatus.Queued)
            .SetProperty(m => m.DoneAt, retryAt == null ? now : null)
            .SetProperty(m => m.TextSeal, m => retryAt == null ? null : m.TextSeal)
            .SetProperty(m => m.NextAttemptAt, retryAt ?? now)
            .SetProperty(m => m.LeaseUntil, (DateTime?)null)
            .SetProperty(m => m.ClaimToken, (Guid?)null));
        if (updated == 1 && retryAt is null)
        {
            metrics.Ended(message, MessageStatus.Failed, channel);
            await events.EnqueueAsync(db, [(message.Id, message.TenantId)]);
        }
    });

    /// <summary>Ends a message no carrier accepted: refunded, unless an earlier attempt may have reached one.</summary>
    public Task FinishUnsentAsync(MessageRecord message, MessageStatus status, string errorCode) => WriteAsync(async db =>
    {
        var updated = await Claimed(db, message).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.ErrorCode, errorCode)
            .SetProperty(m => m.DoneAt, clock.UtcNowForStorage())
            .SetProperty(m => m.TextSeal, (byte[]?)null)
            .SetProperty(m => m.LeaseUntil, (DateTime?)null)
            .SetProperty(m => m.ClaimToken, (Guid?)null));
        if (updated == 1)
        {
            metrics.Ended(message, status);
            if (!message.OutcomeUnknown)
            {
                await Balances.RefundAsync(db, message.TenantId, message.Cost, message.CreatedAt, CancellationToken.None);
            }
            await events.EnqueueAsync(db, [(message.Id, message.TenantId)]);
        }
    });

    /// <summary>
    /// No channel took it, none for a reason of its own: back in the queue until <paramref name="retryAt"/>, the attempt
    /// given back; its error code becomes <paramref name="errorCode"/>, or stays as it was when that is null.
    /// </summary>
    public Task WaitForChannelAsync(MessageRecord message, string? errorCode, DateTime retryAt) => WriteAsync(db =>
        Claimed(db, message).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.ErrorCode, m => errorCode ?? m.ErrorCode)
            .SetProperty(m => m.NextAttemptAt, retryAt)
            .SetProperty(m => m.Attempts, m => m.Attempts - 1)
            .SetProperty(m => m.LeaseUntil, (DateTime?)null)
            .SetProperty(m => m.ClaimToken, (Guid?)null)));

    /// <summary>
    /// Makes every message that waits for a retry due now. Written through the batcher, after the outcomes queued
    /// before it: a message found no channel just before one came up is written waiting first, then made due.
    /// </summary>
    public Task MakeWaitingDueAsync() => writes.WriteAsync(async db =>
    {
        await MessageClaims.MakeWaitingDueAsync(db, clock.UtcNowForStorage(), CancellationToken.None);
        return 0;
    });

    /// <summary>
    /// Withdraws a message still waiting in the queue (SMPP cancel_sm): failed as <c>cancelled</c> and refunded.
    /// False when there is no such message of the tenant, a worker holds it, or it has left the queue.
    /// </summary>
    public async Task<bool> CancelQueuedAsync(Guid tenantId, Guid messageId)
    {
        var cancelled = false;
        await WriteAsync(async db =>
        {
            var now = clock.UtcNowForStorage();
            var waiting = db.Messages.Where(m => m.Id == messageId && m.TenantId == tenantId && m.Status == MessageStatus.Queued
                && m.ClaimToken == null && !m.OutcomeUnknown);
            var charged = await waiting.Select(m => new { m.Cost, m.CreatedAt }).FirstOrDefaultAsync();
            if (charged is null)
            {
                return;
            }
            cancelled = await waiting.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, MessageStatus.Failed)
                .SetProperty(m => m.ErrorCode, CancelledError)
                .SetProperty(m => m.DoneAt, now)
                .SetProperty(m => m.TextSeal, (byte[]?)null)) == 1;
            if (cancelled)
            {
                await Balances.RefundAsync(db, tenantId, charged.Cost, charged.CreatedAt, CancellationToken.None);
                await events.EnqueueAsync(db, [(messageId, tenantId)]);
            }
        });
        return cancelled;
    }

    /// <summary>The error code of a message its sender withdrew before a carrier had it.</summary>
    public const string CancelledError = "cancelled";

    private static IQueryable<MessageRecord> Claimed(AppDbContext db, MessageRecord message) =>
        db.Messages.Where(m => m.Id == message.Id && m.ClaimToken == message.ClaimToken);

    private static void AddParts(AppDbContext db, Guid messageId, string channel, IReadOnlyList<string> carrierIds, DateTime now)
    {
        for (var i = 0; i < carrierIds.Count; i++)
        {
            db.MessageParts.Add(new MessagePart { Channel = channel, CarrierMessageId = carrierIds[i], MessageId = messageId, Index = i, CreatedAt = now });
        }
    }

    /// <summary>Runs one outcome in the next batch (the batch saves what it added) and wakes the webhook dispatcher.</summary>
    private async Task WriteAsync(Func<AppDbContext, Task> write)
    {
        await writes.WriteAsync(async db =>
        {
            await write(db);
            return 0;
        });
        webhooks.Wake();
    }
}
