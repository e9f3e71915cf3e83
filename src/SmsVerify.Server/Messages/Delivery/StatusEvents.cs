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
        var rows = await db.Messages.AsNoTracking().Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        foreach (var id in wanted)
        {
            var row = rows[id];
            webhooks.Add(db, row.TenantId, MessageView.StatusEvent, MessageView.From(row));
        }
        _added = true;
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
