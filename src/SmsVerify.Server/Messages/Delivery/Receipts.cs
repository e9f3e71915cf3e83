using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Applies delivery receipts to parts, and parts to their message: delivered when every part is, failed (or
/// expired) as soon as one part is. A receipt for an id not (yet) recorded waits in <c>unmatched_receipts</c>.
/// </summary>
/// <remarks>
/// Receipts arrive as fast as messages are sent, on every bind, so the write batcher hands them over a batch at a
/// time and a batch costs a few commands however many receipts it holds: one that marks every receipt's part and
/// names its message, one that settles those messages, one query for the receipts that marked nothing. Each
/// receipt is still its own statement, in arrival order, so two parts of one message settle it exactly as they
/// would one after another. Quoted names work on both engines, and SQLite has had RETURNING since 3.35.
/// </remarks>
internal sealed class Receipts(StatusEvents events, TimeProvider clock) : ISetWrite<ReceiptEvent>
{
    /// <summary>Wakes the webhook dispatcher if the batch added status events.</summary>
    public void Committed() => events.Committed();

    /// <summary>
    /// A carrier's receipt often reaches the writer's queue before its submit's answer does (the answer's continuation
    /// is still on its way to the outcome write): after the batch's accepted submits, it finds its part recorded.
    /// </summary>
    public bool AfterOtherSets => true;

    /// <summary>Applies a batch's receipts inside its transaction; the batcher saves what this adds.</summary>
    public async Task RunAsync(AppDbContext db, IReadOnlyList<ReceiptEvent> receipts)
    {
        receipts = [.. receipts.Select(CarrierFields.Of)];
        var marked = await MarkPartsAsync(db, receipts);
        await SettleAsync(db, receipts, marked);
        List<ReceiptEvent>? unmarked = null;
        for (var i = 0; i < receipts.Count; i++)
        {
            if (marked[i] is null)
            {
                (unmarked ??= []).Add(receipts[i]);
            }
        }
        if (unmarked is not null)
        {
            await KeepUnmatchedAsync(db, unmarked);
        }
    }

    /// <summary>
    /// Applies receipts kept as unmatched whose part has been recorded since, in a transaction of its own; how many. On
    /// PostgreSQL a node records parts while another keeps a receipt for one of them, and neither transaction sees the
    /// other's uncommitted row, so the receipt can miss both the mark and the submit's look at the waiting receipts
    /// (<see cref="ApplyWaitingAsync"/>). Every node's heartbeat runs this, so such a receipt settles its message a
    /// beat later instead of never; locking the two writes against each other instead made every node's write batches
    /// wait for each other's. Only recent receipts are looked at, for a part recorded soon after each (carriers reuse
    /// ids); two nodes sweeping at once delete each receipt once.
    /// </summary>
    public async Task<int> ApplyMissedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var since = clock.UtcNowForStorage() - MissedWindow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidates = await db.UnmatchedReceipts.AsNoTracking()
            .Where(r => r.ReceivedAt >= since)
            .Select(r => new
            {
                r.Channel,
                r.CarrierMessageId,
                r.ReceivedAt,
                PartCreatedAt = db.MessageParts.Where(p => p.Channel == r.Channel && p.CarrierMessageId == r.CarrierMessageId && p.Outcome == null)
                    .Max(p => (DateTime?)p.CreatedAt),
            })
            .Where(r => r.PartCreatedAt != null)
            .OrderBy(r => r.ReceivedAt)
            .Take(MissedPerSweep)
            .ToListAsync(cancellationToken);
        var missed = candidates
            .Where(r => Utc(r.PartCreatedAt!.Value) <= Utc(r.ReceivedAt) + OvertakeLimit)
            .GroupBy(r => (r.Channel, r.CarrierMessageId))
            .Select(g => (g.Key.Channel, g.Key.CarrierMessageId, Since: Utc(g.Min(r => r.ReceivedAt))))
            .ToList();
        if (missed.Count == 0)
        {
            return 0;
        }
        var applied = await ApplyWaitingAsync(db, missed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Committed();
        return applied;
    }

    // How far back the sweep looks: far more than the few seconds the race takes, little enough to keep it cheap.
    private static readonly TimeSpan MissedWindow = TimeSpan.FromMinutes(10);

    // How long after a receipt its part may be recorded: the longest a submit is claimed (the lease) and clock skew.
    private static readonly TimeSpan OvertakeLimit = TimeSpan.FromMinutes(3);

    private const int MissedPerSweep = 500;

    /// <summary>
    /// Applies receipts that arrived before these parts were recorded: one statement a part, which takes its waiting
    /// receipts out of <c>unmatched_receipts</c> and returns the first (a carrier's repeats are dropped). Only
    /// receipts received since <c>Since</c>, when the part's submit began, count: carriers reuse ids, and an older
    /// receipt for the same id was for another message. How many parts they marked.
    /// </summary>
    public async Task<int> ApplyWaitingAsync(AppDbContext db, IReadOnlyList<(string Channel, string CarrierMessageId, DateTime Since)> parts)
    {
        // A statement a part, each looking up by the (channel, carrier id) index, rather than one DELETE joined to the
        // parts unnested from arrays: on PostgreSQL such a join's prepared plan, made while a table is young, can stick
        // to a sequential scan (see AcceptedSubmits), and receipts no part claims wait here for the whole window.
        var batch = new SqlBatch(db);
        foreach (var (channel, carrierMessageId, since) in parts)
        {
            batch.Add($"""
                DELETE FROM "unmatched_receipts"
                WHERE "Channel" = {channel} AND "CarrierMessageId" = {carrierMessageId} AND "ReceivedAt" >= {since}
                RETURNING "Outcome", "ErrorCode", "DoneAt", "ReceivedAt"
                """);
        }
        var found = await batch.ReadFirstAsync(row => new ReceiptEvent("", Utc(row.GetDateTime(3)), "", Enum.Parse<ReceiptOutcome>(row.GetString(0)),
            row.IsDBNull(1) ? null : row.GetString(1), row.IsDBNull(2) ? null : Utc(row.GetDateTime(2))));
        List<ReceiptEvent> receipts = [];
        for (var i = 0; i < parts.Count; i++)
        {
            if (found[i] is { } receipt)
            {
                receipts.Add(receipt with { Channel = parts[i].Channel, CarrierMessageId = parts[i].CarrierMessageId });
            }
        }
        if (receipts.Count == 0)
        {
            return 0;
        }
        // A receipt taken out for a part that is not the newest with its id marks nothing, and is not counted.
        var marked = await MarkPartsAsync(db, receipts);
        await SettleAsync(db, receipts, marked);
        return marked.Count(m => m is not null);
    }

    // Every time is UTC (see AppDbContext.ConfigureConventions); SQLite hands them back without a kind.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>
    /// Marks each receipt's part, if it is recorded and has no outcome yet; the part's message, or null. Of parts that
    /// share the id (carriers reuse ids) only the newest counts: a repeated receipt for it must not settle an older one.
    /// </summary>
    private static async Task<List<Guid?>> MarkPartsAsync(AppDbContext db, IReadOnlyList<ReceiptEvent> receipts)
    {
        var batch = new SqlBatch(db);
        foreach (var receipt in receipts)
        {
            var outcome = receipt.Outcome.ToString();
            var doneAt = receipt.DoneAt ?? receipt.ReceivedAt;
            batch.Add($"""
                UPDATE "message_parts" SET "Outcome" = {outcome}, "ErrorCode" = {receipt.ErrorCode}, "DoneAt" = {doneAt}
                WHERE "Id" = (
                    SELECT "Id" FROM "message_parts" WHERE "Channel" = {receipt.Channel} AND "CarrierMessageId" = {receipt.CarrierMessageId}
                    ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 1)
                  AND "Outcome" IS NULL
                RETURNING "MessageId"
                """);
        }
        return await batch.ReadFirstAsync(reader => (Guid?)reader.GetGuid(0));
    }

    /// <summary>
    /// Counts each delivered part on its message's row, or fails the message, with one conditional UPDATE each: the
    /// row lock orders receipts for parts of one message, so the last part's receipt is the one that sees every other.
    /// The view comes back with the change, so the status event needs no read of the row; while someone records
    /// traces, so does the message's <c>traceparent</c>, for the receipt's span.
    /// </summary>
    private async Task SettleAsync(AppDbContext db, IReadOnlyList<ReceiptEvent> receipts, List<Guid?> marked)
    {
        var batch = new SqlBatch(db);
        var traced = MessageTracing.Listening;
        var submitted = nameof(MessageStatus.Submitted);
        for (var i = 0; i < receipts.Count; i++)
        {
            if (marked[i] is not { } messageId)
            {
                continue;
            }
            var receipt = receipts[i];
            var failed = receipt.Outcome != ReceiptOutcome.Delivered;
            var final = (receipt.Outcome switch
            {
                ReceiptOutcome.Delivered => MessageStatus.Delivered,
                ReceiptOutcome.Expired => MessageStatus.Expired,
                _ => MessageStatus.Failed,
            }).ToString();
            var error = failed ? receipt.ErrorCode ?? "undeliverable" : null;
            var delivered = failed ? 0 : 1;
            var doneAt = receipt.DoneAt ?? receipt.ReceivedAt;
            batch.Add(FormattableStringFactory.Create(traced ? SettleTraced : Settle, delivered, failed, final, error, doneAt, messageId, submitted));
        }
        if (batch.Count == 0)
        {
            return;
        }
        if (!traced)
        {
            var settled = await batch.ReadFirstAsync(MessageViewRows.Read);
            await events.EnqueueAsync(db, [.. settled.Where(s => s.View is { Status: not MessageStatus.Submitted })]);
            return;
        }
        var column = MessageViewRows.ColumnCount;
        var rows = await batch.ReadFirstAsync(row => (Settled: MessageViewRows.Read(row), TraceParent: row.IsDBNull(column) ? null : row.GetString(column)));
        var ended = rows.Where(t => t.Settled.View is { Status: not MessageStatus.Submitted }).ToList();
        foreach (var (settled, traceParent) in ended)
        {
            MessageTracing.Receipt(traceParent, settled.View.Id, settled.View.Status, settled.View.ErrorCode);
        }
        await events.EnqueueAsync(db, [.. ended.Select(t => t.Settled)]);
    }

    private const string Settle = $$"""
        UPDATE "messages" SET
            "DeliveredParts" = "DeliveredParts" + {0},
            "Status" = CASE WHEN {1} OR "DeliveredParts" + 1 >= "PartCount" THEN {2} ELSE "Status" END,
            "ErrorCode" = CASE WHEN {1} THEN {3} ELSE "ErrorCode" END,
            "DoneAt" = CASE WHEN {1} OR "DeliveredParts" + 1 >= "PartCount" THEN {4} ELSE "DoneAt" END
        WHERE "Id" = {5} AND "Status" = {6}
        RETURNING {{MessageViewRows.Columns}}
        """;

    // The traceparent comes after the view's columns.
    private const string SettleTraced = Settle + """, "TraceParent" """;

    /// <summary>
    /// Keeps receipts whose part is not recorded (yet). One whose newest part already has its outcome is a repeat and
    /// is dropped; one whose part has none was recorded by another node since the mark looked, and is applied now.
    /// </summary>
    private async Task KeepUnmatchedAsync(AppDbContext db, List<ReceiptEvent> receipts)
    {
        var ids = receipts.Select(r => r.CarrierMessageId).ToList();
        // The channel leads the index on (Channel, CarrierMessageId): without it in the filter, the lookup reads every
        // part on PostgreSQL, and the longer it takes, the more receipts outrun their parts and take this path.
        var channels = receipts.Select(r => r.Channel).Distinct().ToList();
        var known = new Dictionary<(string, string), bool>();
        foreach (var part in await db.MessageParts.Where(p => channels.Contains(p.Channel) && ids.Contains(p.CarrierMessageId))
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new { p.Channel, p.CarrierMessageId, Settled = p.Outcome != null }).ToListAsync())
        {
            known[(part.Channel, part.CarrierMessageId)] = part.Settled; // The newest part counts, as in MarkPartsAsync.
        }
        List<ReceiptEvent>? recorded = null;
        foreach (var receipt in receipts)
        {
            var key = (receipt.Channel, receipt.CarrierMessageId);
            if (known.TryGetValue(key, out var settled))
            {
                if (!settled)
                {
                    (recorded ??= []).Add(receipt);
                    known[key] = true; // A second receipt for it in this batch is a repeat.
                }
                continue; // Carriers repeat receipts; the first one counts, also when both arrive in one batch.
            }
            known[key] = true;
            db.UnmatchedReceipts.Add(new UnmatchedReceipt
            {
                Channel = receipt.Channel,
                CarrierMessageId = receipt.CarrierMessageId,
                Outcome = receipt.Outcome,
                ErrorCode = receipt.ErrorCode,
                DoneAt = receipt.DoneAt,
                ReceivedAt = receipt.ReceivedAt,
            });
        }
        if (recorded is not null)
        {
            await SettleAsync(db, recorded, await MarkPartsAsync(db, recorded));
        }
    }

    /// <summary>Drops what is older than the receipt window: parts no receipt will come for, receipts no part will.</summary>
    public async Task<(int Parts, int Unmatched)> PruneAsync(AppDbContext db, TimeSpan window, CancellationToken cancellationToken)
    {
        var before = clock.UtcNowForStorage() - window;
        var parts = await db.MessageParts.Where(p => p.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        var unmatched = await db.UnmatchedReceipts.Where(r => r.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
        return (parts, unmatched);
    }
}
