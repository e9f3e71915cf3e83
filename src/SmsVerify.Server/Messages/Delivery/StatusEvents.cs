using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// <c>message.status</c> events for the messages a write changed, only for tenants whose webhook takes them. The
/// events of the delivery path's set writes (accepted submits, receipts) are handed to this node's webhook
/// dispatcher once their batch has committed (<see cref="WebhookHandover"/>), so posting them costs no claim.
/// </summary>
/// <remarks>
/// Only the write batcher's one writer enqueues, one transaction after another, and it calls <see cref="Committed"/>
/// after a commit. Events are kept with the transaction they were written in: a transaction that rolled back
/// leaves its events behind when the next one begins, and only a committed one's are handed over.
/// </remarks>
internal sealed class StatusEvents(WebhookOutbox webhooks, WebhookHandover handover, MessagesSettled settled, MessageMetrics metrics)
{
    private IDbContextTransaction? _transaction;
    private List<WebhookDelivery> _events = [];
    private bool _added;

    // A change to a final status was written since the last commit: MessagesSettled is told after the next one.
    private bool _settled;

    // Events written without a handover (it was full, or the write is no set write): the dispatcher's poll reads them.
    private bool _forPoll;

    private static readonly Func<AppDbContext, List<Guid>, IAsyncEnumerable<MessageRecord>> Messages =
        EF.CompileAsyncQuery((AppDbContext db, List<Guid> ids) => db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)));

    /// <summary>
    /// Adds the events of changes whose views the write already has (its <c>RETURNING</c>, or the claimed row).
    /// With <paramref name="handOver"/> (a set write, whose commit calls <see cref="Committed"/>) they are handed
    /// to the dispatcher after the commit; otherwise its poll finds them.
    /// </summary>
    public async Task EnqueueAsync(AppDbContext db, IReadOnlyList<(Guid TenantId, MessageView View)> changed, bool handOver = true)
    {
        if (handOver) // the others are MessageOutcomes' rare outcomes, counted where they are written
        {
            metrics.Changed(changed);
        }
        for (var i = 0; i < changed.Count && !_settled; i++)
        {
            _settled = changed[i].View.Status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired;
        }
        List<(Guid TenantId, MessageView View)>? wanted = null;
        foreach (var change in changed)
        {
            if (await webhooks.WantsAsync(db, change.TenantId, MessageView.StatusEvent, CancellationToken.None))
            {
                (wanted ??= []).Add(change);
            }
        }
        if (wanted is null)
        {
            return;
        }
        if (db.Database.CurrentTransaction != _transaction)
        {
            // A new transaction: what the last one left was handed over, or rolled back with it.
            handover.Unreserve(_events.Count);
            (_transaction, _events, _added, _forPoll) = (db.Database.CurrentTransaction, [], false, false);
        }
        var handedOver = handOver && handover.TryReserve(wanted.Count);
        var events = wanted.ConvertAll(w => webhooks.Create(w.TenantId, MessageView.StatusEvent, w.View, handedOver));
        if (handedOver)
        {
            _events.AddRange(events);
        }
        else
        {
            _forPoll = true;
        }
        _added = true;
        // One multi-row INSERT: a busy tenant's events are most of a batch's rows.
        await RowInserts.InsertAsync(db, events);
    }

    /// <summary>Adds the events of changes known only by id, reading the rows back (for the rare outcomes, not handed over).</summary>
    public async Task EnqueueAsync(AppDbContext db, IReadOnlyList<(Guid Id, Guid TenantId)> changed)
    {
        List<Guid>? wanted = null;
        foreach (var (id, tenantId) in changed)
        {
            if (await webhooks.WantsAsync(db, tenantId, MessageView.StatusEvent, CancellationToken.None))
            {
                (wanted ??= []).Add(id);
            }
        }
        if (wanted is null)
        {
            return;
        }
        var rows = new Dictionary<Guid, MessageRecord>(wanted.Count);
        await foreach (var row in Messages(db, wanted))
        {
            rows[row.Id] = row;
        }
        await EnqueueAsync(db, wanted.ConvertAll(id => (rows[id].TenantId, MessageView.From(rows[id]))), handOver: false);
    }

    /// <summary>Hands the events of the batch that just committed to the webhook dispatcher, and wakes it.</summary>
    public void Committed()
    {
        if (_settled)
        {
            _settled = false;
            settled.Notify();
        }
        if (!_added)
        {
            return;
        }
        var (handedOver, forPoll) = (_events, _forPoll);
        (_transaction, _events, _added, _forPoll) = (null, [], false, false);
        handover.Add(handedOver);
        if (forPoll)
        {
            webhooks.Wake();
        }
        else
        {
            webhooks.WakeForHandover();
        }
    }
}
