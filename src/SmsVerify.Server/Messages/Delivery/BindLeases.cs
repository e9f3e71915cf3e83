using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>A channel's bind slot and the node that holds it.</summary>
public sealed class BindLeaseRecord
{
    public string Channel { get; init; } = "";
    public int Slot { get; init; }
    public Guid NodeId { get; set; }
}

/// <summary>A node waiting for a slot of a channel's range (senders or receivers, by its first slot).</summary>
public sealed class BindWaiterRecord
{
    public string Channel { get; init; } = "";
    public int First { get; init; }
    public Guid NodeId { get; init; }
}

internal sealed class BindLeaseRecordConfiguration : IEntityTypeConfiguration<BindLeaseRecord>, IEntityTypeConfiguration<BindWaiterRecord>
{
    public void Configure(EntityTypeBuilder<BindLeaseRecord> builder)
    {
        builder.ToTable("channel_bind_leases");
        builder.HasKey(l => new { l.Channel, l.Slot });
        builder.Property(l => l.Channel).HasMaxLength(ChannelOptions.MaxNameLength);
    }

    public void Configure(EntityTypeBuilder<BindWaiterRecord> builder)
    {
        builder.ToTable("channel_bind_waiters");
        builder.HasKey(w => new { w.Channel, w.First, w.NodeId });
        builder.Property(w => w.Channel).HasMaxLength(ChannelOptions.MaxNameLength);
    }
}

/// <summary>
/// Bind slots leased in <c>channel_bind_leases</c> on PostgreSQL. A slot is free when no row names it or its node is
/// no longer in <c>delivery_nodes</c>: the heartbeat that frees a silent node's claims frees its slots too, so there
/// is one notion of a live node. A node on standby records itself in <c>channel_bind_waiters</c>; a node holding
/// several slots of the range gives its highest up to such a node that holds none, and takes no second slot while
/// one waits, so that the binds spread over the nodes rather than staying with the first to start. On SQLite
/// there is one node, and every slot is its own.
/// </summary>
internal sealed class BindLeases(IServiceScopeFactory scopes, DeliveryNode node) : IBindLeases
{
    public async Task<int?> TakeAsync(string channel, int first, int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db is not PostgresAppDbContext)
        {
            return first;
        }
        var last = first + count - 1;
        // The lowest slot no live node holds; two nodes after the same one meet in the conflict, and one gets it.
        var taken = await db.Database.SqlQuery<int>($"""
            INSERT INTO "channel_bind_leases" ("Channel", "Slot", "NodeId")
            SELECT {channel}, s, {node.Id} FROM generate_series({first}, {last}) AS s
            WHERE NOT EXISTS (
                    SELECT 1 FROM "channel_bind_leases" l JOIN "delivery_nodes" n ON n."Id" = l."NodeId"
                    WHERE l."Channel" = {channel} AND l."Slot" = s)
                AND NOT (
                    EXISTS (SELECT 1 FROM "channel_bind_leases" l
                        WHERE l."Channel" = {channel} AND l."Slot" BETWEEN {first} AND {last} AND l."NodeId" = {node.Id})
                    AND EXISTS (SELECT 1 FROM "channel_bind_waiters" w JOIN "delivery_nodes" n ON n."Id" = w."NodeId"
                        WHERE w."Channel" = {channel} AND w."First" = {first} AND w."NodeId" <> {node.Id}
                            AND NOT EXISTS (SELECT 1 FROM "channel_bind_leases" l
                                WHERE l."Channel" = {channel} AND l."Slot" BETWEEN {first} AND {last} AND l."NodeId" = w."NodeId")))
            ORDER BY s LIMIT 1
            ON CONFLICT ("Channel", "Slot") DO UPDATE SET "NodeId" = excluded."NodeId"
            WHERE "channel_bind_leases"."NodeId" NOT IN (SELECT "Id" FROM "delivery_nodes")
            RETURNING "Slot" AS "Value"
            """).ToListAsync(cancellationToken);
        if (taken is [var slot])
        {
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM "channel_bind_waiters" WHERE "Channel" = {channel} AND "First" = {first} AND "NodeId" = {node.Id}
                """, cancellationToken);
            return slot;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "channel_bind_waiters" ("Channel", "First", "NodeId") VALUES ({channel}, {first}, {node.Id}) ON CONFLICT DO NOTHING
            """, cancellationToken);
        return null;
    }

    public async Task<BindSlot> CheckAsync(string channel, int first, int count, int slot, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db is not PostgresAppDbContext)
        {
            return BindSlot.Held;
        }
        var last = first + count - 1;
        var check = await db.Database.SqlQuery<int>($"""
            SELECT CASE
                WHEN NOT EXISTS (SELECT 1 FROM "channel_bind_leases" WHERE "Channel" = {channel} AND "Slot" = {slot} AND "NodeId" = {node.Id}) THEN 0
                WHEN {slot} = (SELECT max("Slot") FROM "channel_bind_leases"
                        WHERE "Channel" = {channel} AND "Slot" BETWEEN {first} AND {last} AND "NodeId" = {node.Id})
                    AND (SELECT count(*) FROM "channel_bind_leases"
                        WHERE "Channel" = {channel} AND "Slot" BETWEEN {first} AND {last} AND "NodeId" = {node.Id}) > 1
                    AND EXISTS (SELECT 1 FROM "channel_bind_waiters" w JOIN "delivery_nodes" n ON n."Id" = w."NodeId"
                        WHERE w."Channel" = {channel} AND w."First" = {first} AND w."NodeId" <> {node.Id}
                            AND NOT EXISTS (SELECT 1 FROM "channel_bind_leases" l
                                WHERE l."Channel" = {channel} AND l."Slot" BETWEEN {first} AND {last} AND l."NodeId" = w."NodeId")) THEN 2
                ELSE 1 END AS "Value"
            """).SingleAsync(cancellationToken);
        return (BindSlot)check;
    }

    public async Task ReleaseAsync(string channel, int slot, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (db is PostgresAppDbContext)
        {
            await db.Set<BindLeaseRecord>().Where(l => l.Channel == channel && l.Slot == slot && l.NodeId == node.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<BindWaiterRecord>().Where(w => w.Channel == channel && w.NodeId == node.Id).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
