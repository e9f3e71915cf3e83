using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Risk.Pumping;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Messages;

/// <summary>
/// <c>POST /v1/messages</c>: every check before anything is stored, then the messages, the charge, the audit record
/// and the idempotency record in one transaction (the write batcher's). Test numbers get theirs at once; the rest wait for a carrier.
/// </summary>
public sealed partial class MessageSender(
    AppDbContext db, WriteBatcher writes, AuditTrail audit, MessageTexts texts, DeliverySignal delivery, ActiveBlocks blocks, SendScreen screen, TimeProvider clock,
    IOptions<SendingOptions> sending, IOptions<BillingOptions> billing)
{
    public const int MaxRecipients = 1000;

    /// <param name="remember">Makes the idempotency record stored with the messages, when the request has a key.</param>
    public async Task<Outcome<SendResult>> SendAsync(
        Guid tenantId, TenantMode mode, SendMessagesRequest request, Func<SendResult, IdempotencyRecord>? remember, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        var recipients = new List<string>(request.To!.Count);
        for (var i = 0; i < request.To.Count; i++)
        {
            if (!Phones.PhoneNumberParser.TryParseMobile(request.To[i], out var e164))
            {
                return ProblemTypes.NotAMobileNumber(request.To[i]) with { Extensions = new Dictionary<string, object?> { ["index"] = i } };
            }
            if (!recipients.Contains(e164))
            {
                recipients.Add(e164);
            }
        }
        var resolved = await ContentResolver.ResolveAsync(db, tenantId, request.Signature!, request.Template!, null, cancellationToken);
        if (resolved.Error is { } unusable)
        {
            return unusable;
        }
        var content = resolved.Value!;
        var values = request.Params ?? [];
        if (await screen.CheckAsync(tenantId, content, values) is { } refused)
        {
            return refused;
        }
        if (SendParameters.Check(content, values, SendParameters.CodeLength, sending.Value.MaxTextParameterLength) is { } badValue)
        {
            return badValue;
        }
        var now = clock.GetUtcNow();
        if (content.Type == TemplateType.Marketing && !MarketingWindow.IsOpen(now))
        {
            return ProblemTypes.MarketingWindowClosed.With("Marketing messages go out between 08:00 and 20:00 China time.") with
            {
                RetryAfter = MarketingWindow.UntilOpen(now),
            };
        }
        var testNumbers = await db.SandboxNumbers.AsNoTracking().Where(n => n.TenantId == tenantId && recipients.Contains(n.Phone))
            .Select(n => n.Phone).ToListAsync(cancellationToken);
        if (mode == TenantMode.Sandbox && recipients.Find(r => !testNumbers.Contains(r)) is { } outside)
        {
            return ProblemTypes.SandboxNumberRequired.With($"Your tenant is in sandbox mode and {outside} is not one of its test numbers.");
        }
        if (blocks.Refuse(tenantId, recipients, testNumbers) is { } blocked)
        {
            return blocked;
        }
        var optedOut = content.Type != TemplateType.Marketing ? [] : await db.OptOuts.AsNoTracking()
            .Where(o => o.SignatureId == content.SignatureId && recipients.Contains(o.Phone)).Select(o => o.Phone).ToListAsync(cancellationToken);
        return await StoreAsync(tenantId, content, values, recipients, testNumbers, optedOut, remember, cancellationToken);
    }

    private static ApiError? Validate(SendMessagesRequest request)
    {
        if (request.To is not { Count: > 0 and <= MaxRecipients })
        {
            return ProblemTypes.Invalid("to", $"to is a list of 1 to {MaxRecipients} phone numbers.");
        }
        if (request.Signature is not { Length: > 0 and <= SendParameters.MaxNameLength } || request.Template is not { Length: > 0 and <= SendParameters.MaxNameLength })
        {
            return ProblemTypes.Invalid(request.Signature is not { Length: > 0 and <= SendParameters.MaxNameLength } ? "signature" : "template",
                $"signature (the name in 【】) and template (its code) are required, each at most {SendParameters.MaxNameLength} characters.");
        }
        return request.Params is { Count: > SendParameters.MaxCount } ? ProblemTypes.Invalid("params", $"At most {SendParameters.MaxCount} params.") : null;
    }
}
