using SmsVerify.Server.Audit;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;

namespace SmsVerify.Server.Sending;

/// <summary>A send that passed every check, waiting for its commit; <see cref="Refusal"/> is set if the charge fails.</summary>
internal sealed class PendingSend(Guid tenantId, List<MessageRecord> messages, long cost, CodeSend? code, IdempotencyRecord? idempotency, AuditStamp audit)
{
    public Guid TenantId => tenantId;
    public List<MessageRecord> Messages => messages;
    public long Cost => cost;
    public CodeSend? Code => code;
    public IdempotencyRecord? Idempotency => idempotency;
    public AuditStamp Audit => audit;
    public ApiError? Refusal { get; set; }

    /// <summary>The door's own rows for the messages (<see cref="SendRequest.Companion"/>), stored after them.</summary>
    public List<object>? Companions { get; init; }
}

/// <summary>
/// The last step of every send, for all the sends of a write batch at once: one charge per tenant, the lifecycle
/// rows of verification codes, every message as multi-row INSERTs, the idempotency records, and an audit record
/// per send, in the batch's one transaction. Nothing of a send is stored unless its charge went through.
/// </summary>
internal sealed class SendCommit(StatusEvents events, TimeProvider clock) : ISetWrite<PendingSend>
{
    /// <summary>Sends keep their place in the line: a burst of them must not hold up the writes queued before it.</summary>
    public bool Overtakes => false;

    public bool Audits => true;

    public AuditStamp? AuditOf(PendingSend send) => send.Refusal is null ? send.Audit : null;

    public async Task RunAsync(AppDbContext db, IReadOnlyList<PendingSend> sends)
    {
        var now = clock.UtcNowForStorage();
        await ChargeAsync(db, sends, now);
        List<MessageRecord> messages = [];
        List<object> lifecycleRows = [];
        List<object> companions = [];
        List<IdempotencyRecord> idempotency = [];
        foreach (var send in sends)
        {
            if (send.Refusal is not null)
            {
                continue;
            }
            if (send.Code is { } code && await code.StoreAsync(db, now) is { } row)
            {
                lifecycleRows.Add(row);
            }
            messages.AddRange(send.Messages);
            if (send.Companions is { } rows)
            {
                companions.AddRange(rows);
            }
            if (send.Idempotency is { } record)
            {
                idempotency.Add(record);
            }
        }
        foreach (var rows in lifecycleRows.GroupBy(r => r.GetType()))
        {
            await RowInserts.InsertAsync(db, rows.Key, [.. rows]);
        }
        await RowInserts.InsertAsync(db, messages);
        foreach (var rows in companions.GroupBy(r => r.GetType()))
        {
            await RowInserts.InsertAsync(db, rows.Key, [.. rows]);
        }
        await RowInserts.InsertAsync(db, idempotency);
        // A test number's message is delivered as it is stored: its status event is written now, as a carrier's receipt's would be.
        if (messages.Exists(m => m.Status == MessageStatus.Delivered))
        {
            await events.EnqueueAsync(db, [.. messages.Where(m => m.Status == MessageStatus.Delivered).Select(m => (m.TenantId, MessageView.From(m)))]);
        }
    }

    public void Committed() => events.Committed();

    /// <summary>
    /// One conditional UPDATE per tenant for the whole batch. Only a tenant whose balance or daily cap refuses the
    /// total is charged send by send, so that as many of its sends go through as the money covers, in order.
    /// </summary>
    private static async Task ChargeAsync(AppDbContext db, IReadOnlyList<PendingSend> sends, DateTime now)
    {
        foreach (var send in sends)
        {
            // A batch that failed is run again send by send: each starts over.
            send.Refusal = null;
        }
        foreach (var tenant in sends.Where(s => s.Cost > 0).GroupBy(s => s.TenantId))
        {
            if (await Balances.TryChargeAsync(db, tenant.Key, tenant.Sum(s => s.Cost), now, CancellationToken.None) is null)
            {
                continue;
            }
            foreach (var send in tenant)
            {
                send.Refusal = await Balances.TryChargeAsync(db, send.TenantId, send.Cost, now, CancellationToken.None);
            }
        }
    }
}
