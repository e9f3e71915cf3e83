using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Takes queued messages that are due for one worker, under a lease: verification codes first (see
/// <see cref="MessageRecord.Priority"/>), then in the order they became due. A message whose lease ran out while it
/// was claimed was being submitted by a worker that died: the carrier may have it, so it comes back marked
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
        var postgres = db is PostgresAppDbContext;
        // On PostgreSQL workers on other nodes skip the rows this one is taking instead of waiting for them. SQLite has
        // one writer at a time and this node's worker is the only claimer.
        var skipLocked = postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var claim = FormattableStringFactory.Create($$"""
            UPDATE "messages" SET "ClaimToken" = {0}, "LeaseUntil" = {1}, "Attempts" = "Attempts" + 1,
                "OutcomeUnknown" = "OutcomeUnknown" OR "LeaseUntil" IS NOT NULL
            WHERE "Id" IN (
                SELECT "Id" FROM "messages"
                WHERE "Status" = {2} AND "NextAttemptAt" <= {3} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {3})
                ORDER BY "Priority", "NextAttemptAt" LIMIT {4}
                {{skipLocked}})
            RETURNING *
            """, Guid.NewGuid(), now + lease, nameof(MessageStatus.Queued), now, batch);
        if (postgres)
        {
            return await db.Messages.FromSql(claim).AsNoTracking().ToListAsync(cancellationToken);
        }
        // The transaction takes SQLite's in-process write gate, which a statement read as a query would not.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Messages.FromSql(claim).AsNoTracking().ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }
}
