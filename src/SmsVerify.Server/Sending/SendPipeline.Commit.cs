using SmsVerify.Server.Audit;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Sending;

// The last steps: price, limits, and the commit that charges and stores.
internal sealed partial class SendPipeline
{
    /// <summary>Verification codes, from the verification API or a message with a verification template, are held to the number's limits.</summary>
    private static bool CountsAgainstLimits(SendRequest request, ApprovedContent? content) =>
        request.Code is not null || content?.Type == TemplateType.Verification;

    /// <summary>
    /// Prices the queued messages. When limits are counted next, the balance and daily cap are checked first, so a
    /// send refused for its price does not use up the number's budget; otherwise the charge itself decides.
    /// </summary>
    private async Task<ApiError?> PriceAsync(
        Guid tenantId, Balances.FundsRow? read, List<MessageRecord> messages, bool mustAfford, DateTime now, CancellationToken cancellationToken)
    {
        if (!messages.Exists(m => m.Status == MessageStatus.Queued))
        {
            return null;
        }
        var funds = read?.ToFunds(billing.Value.PricePerSegmentUnits, now) ?? await Balances.FundsAsync(db, tenantId, billing.Value, now, cancellationToken);
        var total = 0L;
        foreach (var message in messages)
        {
            if (message.Status == MessageStatus.Queued)
            {
                message.Cost = message.Segments * funds.Price;
                total += message.Cost;
            }
        }
        return mustAfford ? funds.Refusal(total, now) : null;
    }

    /// <summary>
    /// Counts each recipient against its limits. A lone recipient's refusal refuses the send; in a send to many, a
    /// number over its limit gets no message and the others go on.
    /// </summary>
    private async Task<ApiError?> AcquireLimitsAsync(SendRequest request, List<Recipient> recipients, List<MessageRecord> messages, DateTime now, CancellationToken cancellationToken)
    {
        // A tenant's own message has no end user, so it is held to the number's windows only.
        var endUser = request.Code is null ? null : request.EndUser ?? new();
        for (var i = 0; i < recipients.Count; i++)
        {
            if (recipients[i].RefusedFor is not null
                || await limits.AcquireSendAsync(request.TenantId, recipients[i].To, recipients[i].IsTest, endUser, now, cancellationToken) is not { } refused)
            {
                continue;
            }
            if (recipients.Count == 1)
            {
                return refused;
            }
            var message = messages[i];
            messages[i] = Refused(message.TenantId, message.Signature, message.Template, message.To, message.MaskedText, message.Segments, refused.Type.Code, now);
        }
        return null;
    }

    private async Task<Outcome<SendResult>> StoreAsync(
        SendRequest request, ApprovedContent? content, List<MessageRecord> messages, Func<SendResult, IdempotencyRecord>? remember, DateTime now)
    {
        var cost = messages.Sum(m => m.Cost);
        var result = new SendResult(messages.ConvertAll(m => new SentMessage(m.Id, m.To, m.Segments, m.Status, m.ErrorCode)), Money.ToYuan(cost));
        var queued = messages.Count(m => m.Status == MessageStatus.Queued);
        var entry = request.Code?.Audit ?? new AuditEntry("messages.accepted", $"template:{content!.Template}", request.TenantId,
            $"signature={content.Signature} recipients={messages.Count} queued={queued} cost={Money.ToYuan(cost)}", request.Actor);
        var companions = request.Companion is { } companion ? messages.Select(companion).OfType<object>().ToList() : null;
        var send = new PendingSend(request.TenantId, messages, cost, request.Code, remember?.Invoke(result), audit.Stamp(entry)) { Companions = companions };
        var toCarriers = messages.FindAll(m => m.Status == MessageStatus.Queued);
        var handedOff = toCarriers.Count > 0 && worker.TryClaimForHandoff(toCarriers, now);
        try
        {
            // Group-committed with the other sends and the delivery path's writes: a request's own transaction would
            // queue for SQLite's one writer (or PostgreSQL's audit lock) behind every other request's. Not cancelled:
            // once queued, the send is stored or refused, and the caller is told which if it is still there.
            await writes.WriteAsync(commit, send, messages.Count);
        }
        catch when (handedOff)
        {
            worker.CancelHandoff(toCarriers);
            throw;
        }
        if (send.Refusal is { } refusal)
        {
            if (handedOff)
            {
                worker.CancelHandoff(toCarriers);
            }
            return refusal;
        }
        metrics.Queued(toCarriers);
        if (handedOff)
        {
            worker.HandOff(toCarriers);
        }
        else if (queued > 0)
        {
            delivery.Wake();
        }
        return result;
    }
}
