using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Takes queued messages that are due for one worker, under a lease: verification codes first (see
/// <see cref="MessageRecord.Priority"/>), then in the order they became due. A message whose lease ended while it
/// was claimed was being submitted by a worker that died: the carrier may have it, so it comes back marked
/// <see cref="MessageRecord.OutcomeUnknown"/>. A lease ends when it runs out, or earlier when its node is known to
/// be gone (<see cref="FreeAllAsync"/>, <see cref="DeliveryNodes"/>).
/// </summary>
/// <remarks>
/// One statement that returns what it took, written as SQL: a claim runs for every refill of the worker's slots,
/// and LINQ's update and the read after it cost more to translate and run than the claim itself.
/// </remarks>
internal static class MessageClaims
{
    /// <summary>
    /// The lease a freed claim is left with: over, so the next claim takes the message at once, and still set, so
    /// that claim marks it as possibly sent. The claim token stays, so the old claimer's outcome still counts if it
    /// comes before anyone claims the message again (a node that was only paused), and never after.
    /// </summary>
    public static readonly DateTime Freed = DateTime.UnixEpoch;

    public static async Task<List<MessageRecord>> ClaimAsync(
        AppDbContext db, Guid node, int batch, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var postgres = db is PostgresAppDbContext;
        // On PostgreSQL workers on other nodes skip the rows this one is taking instead of waiting for them. SQLite has
        // one writer at a time and this node's worker is the only claimer.
        var skipLocked = postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var claim = FormattableStringFactory.Create($$"""
            UPDATE "messages" SET "ClaimToken" = {0}, "ClaimedBy" = {1}, "LeaseUntil" = {2}, "Attempts" = "Attempts" + 1,
                "OutcomeUnknown" = "OutcomeUnknown" OR "LeaseUntil" IS NOT NULL
            WHERE "Id" IN (
                SELECT "Id" FROM "messages"
                WHERE "Status" = {3} AND "NextAttemptAt" <= {4} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {4})
                ORDER BY "Priority", "NextAttemptAt" LIMIT {5}
                {{skipLocked}})
            RETURNING *
            """, Guid.NewGuid(), node, now + lease, nameof(MessageStatus.Queued), now, batch);
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

    /// <summary>
    /// Frees every claim: for a process starting on SQLite, where any claim left in the file is an earlier process's,
    /// one that died without writing the outcomes. Returns how many were freed.
    /// </summary>
    public static Task<int> FreeAllAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE "messages" SET "LeaseUntil" = {Freed}
            WHERE "Status" = {nameof(MessageStatus.Queued)} AND "LeaseUntil" > {Freed}
            """, cancellationToken);

    /// <summary>
    /// Makes every queued message that waits for a retry due now. Only retries wait: a message is due the moment it
    /// is accepted, so a later <c>NextAttemptAt</c> always means an earlier try found no channel or no answer.
    /// </summary>
    public static Task<int> MakeWaitingDueAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken) =>
        db.Messages.Where(m => m.Status == MessageStatus.Queued && m.NextAttemptAt > now && m.LeaseUntil == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now), cancellationToken);

    /// <summary>Gives back this node's claims of messages it never submitted, as if they had not been claimed.</summary>
    public static Task<int> ReleaseAsync(AppDbContext db, Guid node, List<Guid> ids, CancellationToken cancellationToken) =>
        db.Messages.Where(m => ids.Contains(m.Id) && m.ClaimedBy == node && m.Status == MessageStatus.Queued)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1), cancellationToken);
}
