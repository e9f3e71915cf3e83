using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// The heartbeats of the nodes that deliver on PostgreSQL, and what a node that stopped beating leaves behind. Both
/// statements use the database's clock (<c>now()</c>), one clock for every node.
/// </summary>
internal static class DeliveryNodes
{
    public static Task BeatAsync(AppDbContext db, Guid node, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "delivery_nodes" ("Id", "HeartbeatAt") VALUES ({node}, now())
            ON CONFLICT ("Id") DO UPDATE SET "HeartbeatAt" = now()
            """, cancellationToken);

    /// <summary>
    /// Forgets the nodes silent for longer than <paramref name="timeout"/> and frees their claims, in one statement so
    /// that a node is never forgotten with its claims still held. Nodes running this at once each take a node once
    /// (the DELETE returns only the rows it deleted). Returns how many claims were freed.
    /// </summary>
    /// <remarks>
    /// Claims are found through the queue's index (<c>Status</c> first), so this reads only queued messages, and
    /// only when a node has gone: while none has, the join has nothing on one side and PostgreSQL reads no messages.
    /// </remarks>
    public static Task<int> FreeClaimsOfSilentAsync(AppDbContext db, TimeSpan timeout, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            WITH "gone" AS (DELETE FROM "delivery_nodes" WHERE "HeartbeatAt" < now() - {timeout} RETURNING "Id")
            UPDATE "messages" SET "LeaseUntil" = {MessageClaims.Freed}
            WHERE "Status" = {nameof(MessageStatus.Queued)} AND "LeaseUntil" > {MessageClaims.Freed}
                AND "ClaimedBy" IN (SELECT "Id" FROM "gone")
            """, cancellationToken);
}
