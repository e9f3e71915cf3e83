using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Takes queued messages that are due for one worker, under a lease: verification codes first (see
/// <see cref="MessageRecord.Priority"/>), then in the order they became due. A message whose lease ran out while it was
/// claimed was being submitted by a worker that died: the carrier may have it, so it comes back marked
/// <see cref="MessageRecord.OutcomeUnknown"/>.
/// </summary>
/// <remarks>
/// One statement that returns what it took, written as SQL: a claim runs for every refill of the worker's slots,
/// and LINQ's update and the read after it cost more to translate and run than the claim itself.
/// </remarks>
internal static class MessageClaims
{
    public static async Task<List<MessageRecord>> ClaimAsync(AppDbContext db, int batch, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var until = now + lease;
        var queued = nameof(MessageStatus.Queued);
        if (db is PostgresAppDbContext)
        {
            // Workers on other nodes skip the rows this one is taking instead of waiting for them.
            return await db.Messages.FromSql($"""
                UPDATE "messages" SET "ClaimToken" = {token}, "LeaseUntil" = {until}, "Attempts" = "Attempts" + 1,
                    "OutcomeUnknown" = "OutcomeUnknown" OR "LeaseUntil" IS NOT NULL
                WHERE "Id" IN (
                    SELECT "Id" FROM "messages"
                    WHERE "Status" = {queued} AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                    ORDER BY "Priority", "NextAttemptAt" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(cancellationToken);
        }
        // SQLite has one writer at a time and this node's worker is the only claimer. The transaction takes the
        // in-process write gate, which a statement read as a query would not.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Messages.FromSql($"""
            UPDATE "messages" SET "ClaimToken" = {token}, "LeaseUntil" = {until}, "Attempts" = "Attempts" + 1,
                "OutcomeUnknown" = "OutcomeUnknown" OR "LeaseUntil" IS NOT NULL
            WHERE "Id" IN (
                SELECT "Id" FROM "messages"
                WHERE "Status" = {queued} AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                ORDER BY "Priority", "NextAttemptAt" LIMIT {batch})
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }
}
