using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>A claimed message that a carrier accepted, with the ids its parts got.</summary>
internal sealed record AcceptedSubmit(MessageRecord Message, string Channel, IReadOnlyList<string> CarrierIds);

/// <summary>
/// Records a batch of accepted submits: their parts in one insert, the messages as submitted with conditional
/// UPDATEs (a message whose claim ran out is left alone), and any receipts that overtook them. A carrier id already stored (carriers reuse them) is just another part: the write
/// never fails on it, so an accepted message is never left queued to be sent again.
/// </summary>
internal sealed class AcceptedSubmits(StatusEvents events, Receipts receipts, TimeProvider clock, TimeSpan lease) : ISetWrite<AcceptedSubmit>
{
    // Clocks of the nodes that take receipts may be this far behind this one's.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Wakes the webhook dispatcher if the batch added status events (its own or waiting receipts').</summary>
    public void Committed() => events.Committed();

    public async Task RunAsync(AppDbContext db, IReadOnlyList<AcceptedSubmit> submits)
    {
        // The carrier has them whether or not the leases still hold, so the parts are recorded either way.
        var now = clock.UtcNowForStorage();
        var parts = new List<MessagePart>();
        foreach (var (message, channel, carrierIds) in submits)
        {
            for (var i = 0; i < carrierIds.Count; i++)
            {
                parts.Add(new MessagePart { Channel = channel, CarrierMessageId = carrierIds[i], MessageId = message.Id, Index = i, CreatedAt = now });
            }
        }
        await RowInserts.InsertAsync(db, parts);

        var updated = db is PostgresAppDbContext ? await MarkSubmittedAsync(db, submits, now) : await MarkSubmittedOneByOneAsync(db, submits, now);
        // The claimed row and what this write set are the view: no read of the rows back.
        List<(Guid, MessageView)> changed = [];
        for (var i = 0; i < submits.Count; i++)
        {
            if (updated[i] is { } tenantId)
            {
                var (message, channel, _) = submits[i];
                changed.Add((tenantId, MessageView.From(message) with { Status = MessageStatus.Submitted, Channel = channel, SubmittedAt = now, ErrorCode = null }));
            }
        }
        await events.EnqueueAsync(db, changed);
        // Receipts can overtake the submit's answer; any that did are waiting, received since the claim began. One kept
        // by another node's batch that commits after this one is found by that node's sweep (Receipts.ApplyMissedAsync).
        await receipts.ApplyWaitingAsync(db, [.. submits.SelectMany(s => s.CarrierIds.Select(id => (s.Channel, id, ClaimBegan(s.Message, now))))]);
    }

    /// <summary>
    /// PostgreSQL: every message of the batch in one UPDATE, the submits as arrays unnested into rows; each row is
    /// still changed only if its claim holds. The tenant of each message it changed, or null, in the submits' order.
    /// </summary>
    private static async Task<List<Guid?>> MarkSubmittedAsync(AppDbContext db, IReadOnlyList<AcceptedSubmit> submits, DateTime now)
    {
        var ids = submits.Select(s => s.Message.Id).ToArray();
        var claims = submits.Select(s => s.Message.ClaimToken ?? Guid.Empty).ToArray();
        var channels = submits.Select(s => s.Channel).ToArray();
        var partCounts = submits.Select(s => s.CarrierIds.Count).ToArray();
        var submitted = nameof(MessageStatus.Submitted);
        var changed = await db.Database.SqlQuery<ChangedMessage>($"""
            UPDATE "messages" AS m SET "Status" = {submitted}, "Channel" = u."Channel", "SubmittedAt" = {now}, "ErrorCode" = NULL,
                "TextSeal" = NULL, "LeaseUntil" = NULL, "ClaimToken" = NULL, "PartCount" = u."PartCount", "DeliveredParts" = 0
            FROM unnest({ids}, {claims}, {channels}, {partCounts}) AS u("Id", "ClaimToken", "Channel", "PartCount")
            WHERE m."Id" = u."Id" AND m."ClaimToken" = u."ClaimToken"
            RETURNING m."Id", m."TenantId"
            """).ToDictionaryAsync(c => c.Id, c => c.TenantId);
        return submits.Select(s => changed.TryGetValue(s.Message.Id, out var tenantId) ? tenantId : (Guid?)null).ToList();
    }

    /// <summary>SQLite: one conditional UPDATE a message, each kept prepared on the writer's connection.</summary>
    private static Task<List<Guid?>> MarkSubmittedOneByOneAsync(AppDbContext db, IReadOnlyList<AcceptedSubmit> submits, DateTime now)
    {
        var batch = new SqlBatch(db);
        var submitted = nameof(MessageStatus.Submitted);
        foreach (var (message, channel, carrierIds) in submits)
        {
            batch.Add($"""
                UPDATE "messages" SET "Status" = {submitted}, "Channel" = {channel}, "SubmittedAt" = {now}, "ErrorCode" = NULL,
                    "TextSeal" = NULL, "LeaseUntil" = NULL, "ClaimToken" = NULL, "PartCount" = {carrierIds.Count}, "DeliveredParts" = 0
                WHERE "Id" = {message.Id} AND "ClaimToken" = {message.ClaimToken}
                RETURNING "TenantId"
                """);
        }
        return batch.ReadFirstAsync(reader => (Guid?)reader.GetGuid(0));
    }

    private sealed record ChangedMessage(Guid Id, Guid TenantId);

    private DateTime ClaimBegan(MessageRecord message, DateTime now) => (message.LeaseUntil ?? now) - lease - ClockSkew;
}
