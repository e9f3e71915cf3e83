using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Takes queued messages that are due for one worker, under a lease. A message whose lease ran out while it was
/// claimed was being submitted by a worker that died: the carrier may have it, so it comes back marked
/// <see cref="MessageRecord.OutcomeUnknown"/>.
/// </summary>
internal static class MessageClaims
{
    public static async Task<List<MessageRecord>> ClaimAsync(AppDbContext db, int batch, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var until = now + lease;
        if (db is PostgresAppDbContext)
        {
            // Workers on other nodes skip the rows this one is taking instead of waiting for them.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE messages SET "ClaimToken" = {token}, "LeaseUntil" = {until}, "Attempts" = "Attempts" + 1,
                    "OutcomeUnknown" = "OutcomeUnknown" OR "LeaseUntil" IS NOT NULL
                WHERE "Id" IN (
                    SELECT "Id" FROM messages
                    WHERE "Status" = 'Queued' AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                    ORDER BY "NextAttemptAt" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
        }
        else
        {
            // SQLite has one writer at a time: the statement is atomic, and this node's worker is the only claimer.
            var due = db.Messages
                .Where(m => m.Status == MessageStatus.Queued && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
                .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(batch);
            await db.Messages.Where(m => due.Contains(m.Id)).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.LeaseUntil, until)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.OutcomeUnknown, m => m.OutcomeUnknown || m.LeaseUntil != null), cancellationToken);
        }
        return await db.Messages.AsNoTracking().Where(m => m.ClaimToken == token).ToListAsync(cancellationToken);
    }
}
