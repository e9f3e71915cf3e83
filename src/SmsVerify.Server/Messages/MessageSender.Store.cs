using SmsVerify.Server.Audit;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Messages;

// Writing a send: the rows, the charge and the audit record together.
public sealed partial class MessageSender
{
    private async Task<Outcome<SendResult>> StoreAsync(
        Guid tenantId, ApprovedContent content, Dictionary<string, string> values, List<string> recipients, List<string> testNumbers,
        List<string> optedOut, Func<SendResult, IdempotencyRecord>? remember, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForStorage();
        var text = content.Render(values);
        var masked = content.Type == TemplateType.Verification && content.CodeVariable is { } code
            ? content.Render(new Dictionary<string, string>(values) { [code] = new string('*', values[code].Length) })
            : text;
        var price = (await Balances.FundsAsync(db, tenantId, billing.Value, now, cancellationToken)).Price;
        var segments = Segments.Count(text);
        List<MessageRecord> rows = [];
        List<SentMessage> answer = [];
        foreach (var to in recipients)
        {
            // An opt-out holds for test numbers too, so the sandbox shows a tenant what its real recipients will see.
            var row = optedOut.Contains(to) ? Refused(tenantId, content, to, masked, segments, now)
                : testNumbers.Contains(to) ? SandboxDelivery.Record(new OutgoingText(tenantId, to, content.Signature, content.Template, text, masked, null), now)
                : Queued(tenantId, content, to, text, masked, segments, price, now);
            rows.Add(row);
            answer.Add(new SentMessage(row.Id, to, row.Segments, row.Status, row.ErrorCode));
        }
        var cost = rows.Sum(r => r.Cost);
        var result = new SendResult(answer, Money.ToYuan(cost));
        var stamp = audit.Stamp(new AuditEntry("messages.accepted", $"template:{content.Template}", tenantId,
            $"signature={content.Signature} recipients={recipients.Count} queued={rows.Count(r => r.Status == MessageStatus.Queued)} cost={Money.ToYuan(cost)}"));
        // Group-committed with the delivery path's writes: a request's own transaction would queue for SQLite's one
        // writer (or PostgreSQL's audit lock) behind every other request's, and the delivery path behind them all.
        var refused = await writes.WriteAsync(async batch =>
        {
            // Charged first: nothing is stored unless the balance and the daily spend cap allow it.
            if (await Balances.TryChargeAsync(batch, tenantId, cost, now, CancellationToken.None) is { } refusal)
            {
                return refusal;
            }
            await RowInserts.InsertAsync(batch, rows);
            if (remember is not null)
            {
                batch.IdempotencyKeys.Add(remember(result));
            }
            return (ApiError?)null;
        }, refusal => refusal is null ? stamp : null, rows.Count);
        if (refused is not null)
        {
            return refused;
        }
        delivery.Wake();
        return result;
    }

    private MessageRecord Queued(Guid tenantId, ApprovedContent content, string to, string text, string masked, int segments, long price, DateTime now)
    {
        var id = Guid.CreateVersion7();
        return new MessageRecord
        {
            Id = id,
            TenantId = tenantId,
            To = to,
            Signature = content.Signature,
            Template = content.Template,
            MaskedText = masked,
            TextSeal = texts.Seal(id, text),
            SourceExtension = content.SourceExtension,
            Segments = segments,
            Status = MessageStatus.Queued,
            Priority = content.Type == TemplateType.Verification ? MessageRecord.CodePriority : MessageRecord.OtherPriority,
            Cost = segments * price,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    private static MessageRecord Refused(Guid tenantId, ApprovedContent content, string to, string masked, int segments, DateTime now) => new()
    {
        TenantId = tenantId,
        To = to,
        Signature = content.Signature,
        Template = content.Template,
        MaskedText = masked,
        Segments = segments,
        Status = MessageStatus.Failed,
        ErrorCode = "recipient_opted_out",
        CreatedAt = now,
        DoneAt = now,
    };
}
