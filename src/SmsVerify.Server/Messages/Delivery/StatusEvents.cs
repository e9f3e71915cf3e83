using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// <c>message.status</c> events for the messages a batch of receipts or outcomes changed. The batch's statements
/// return only each message's id and tenant; the rows are read back, in one query, only for tenants whose webhook
/// takes the event, which on a busy server without webhooks is none. Says whether it added any, so that the
/// webhook dispatcher is woken only when there is something to post.
/// </summary>
internal static class StatusEvents
{
    public static async Task<bool> EnqueueAsync(AppDbContext db, WebhookOutbox webhooks, IReadOnlyList<(Guid Id, Guid TenantId)> changed)
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
            return false;
        }
        var rows = await db.Messages.AsNoTracking().Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        foreach (var id in wanted)
        {
            var row = rows[id];
            webhooks.Add(db, row.TenantId, MessageView.StatusEvent, MessageView.From(row));
        }
        return true;
    }
}
