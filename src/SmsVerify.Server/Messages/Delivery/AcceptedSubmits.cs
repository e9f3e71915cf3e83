using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>A claimed message that a carrier accepted, with the ids its parts got.</summary>
internal sealed record AcceptedSubmit(MessageRecord Message, string Channel, IReadOnlyList<string> CarrierIds);

/// <summary>
/// Records a batch of accepted submits: their parts in one insert, the messages as submitted with one command of
/// conditional UPDATEs (one per message, so a message whose claim ran out is left alone), and any receipts that
/// overtook them with one query. A carrier id already stored (carriers reuse them) is just another part: the write
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

        // Row by row on purpose. One UPDATE joined to the submits unnested from arrays is fewer statements on PostgreSQL,
        // but its prepared plan, made while the table was young, could stick to a sequential scan and a hash join: every
        // batch then read the whole table (three times the database's CPU per message in a third of the bench runs).
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
        var updated = await batch.ReadFirstAsync(reader => (Guid?)reader.GetGuid(0));
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

    private DateTime ClaimBegan(MessageRecord message, DateTime now) => (message.LeaseUntil ?? now) - lease - ClockSkew;
}
