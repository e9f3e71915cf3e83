using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// <c>message.status</c> events for the messages a write changed. The write's statements return only each message's
/// id and tenant; the rows are read back, in one query, only for tenants whose webhook takes the event, which on a
/// busy server without webhooks is none. The webhook dispatcher is woken only when a committed batch added some.
/// </summary>
/// <remarks>
/// Only the write batcher's one writer enqueues, and it calls <see cref="Committed"/> after each commit, so a plain
/// field carries "added" from the batch to its commit.
/// </remarks>
internal sealed class StatusEvents(WebhookOutbox webhooks)
{
    private bool _added;

    private static readonly Func<AppDbContext, List<Guid>, IAsyncEnumerable<MessageRecord>> Messages =
        EF.CompileAsyncQuery((AppDbContext db, List<Guid> ids) => db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)));

    /// <summary>Adds the events of changes whose views the write already has (its <c>RETURNING</c>, or the claimed row).</summary>
    public async Task EnqueueAsync(AppDbContext db, IReadOnlyList<(Guid TenantId, MessageView View)> changed)
    {
        List<WebhookDelivery>? events = null;
        foreach (var (tenantId, view) in changed)
        {
            if (await webhooks.WantsAsync(db, tenantId, MessageView.StatusEvent, CancellationToken.None))
            {
                (events ??= []).Add(webhooks.Create(tenantId, MessageView.StatusEvent, view));
            }
        }
        if (events is not null)
        {
            // One multi-row INSERT: a busy tenant's events are most of a batch's rows.
            await RowInserts.InsertAsync(db, events);
            _added = true;
        }
    }

    /// <summary>Adds the events of changes known only by id, reading the rows back (for the rare outcomes).</summary>
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
        await EnqueueAsync(db, wanted.ConvertAll(id => (rows[id].TenantId, MessageView.From(rows[id]))));
    }

    /// <summary>Wakes the webhook dispatcher if the batch just committed added events.</summary>
    public void Committed()
    {
        if (_added)
        {
            _added = false;
            webhooks.Wake();
        }
    }
}
