using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Captcha;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Risk.Pumping;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sending;

/// <summary>
/// The one way a message enters SmsVerify. Every door maps its input into a <see cref="SendRequest"/> and its outcome
/// back into its own wire format; the steps are here, once, in this order:
/// <list type="number">
/// <item>the tenant not suspended by an admin (a cached read: see <see cref="TenantSuspensions"/>);</item>
/// <item>numbers parsed and de-duplicated;</item>
/// <item>content fit: the approved signature and template, the values against their variables' types, the
/// marketing hours; an app hash registered on an approved app; the risk screen (breakers, content judged) and, for a verification code, the captcha;</item>
/// <item>recipients: test numbers, sandbox mode;</item>
/// <item>pumping blocks and marketing opt-outs;</item>
/// <item>the code's own lifecycle (a resend too soon), for verification codes;</item>
/// <item>price and whether the balance and daily cap allow it;</item>
/// <item>frequency limits, for verification codes and verification templates: counted last, so that nothing refused
/// before counts against the number;</item>
/// <item>charge, messages, the code's rows, the audit record and the idempotency record in one group commit;</item>
/// <item>the queue: handed straight to this node's delivery worker when it has a free slot, else queued for a claim.</item>
/// </list>
/// A refusal at any step stores nothing (a content violation excepted: it is evidence).
/// </summary>
internal sealed partial class SendPipeline(
    AppDbContext db, TenantSuspensions suspensions, ContentResolver contents, SendScreen screen, CaptchaGate captcha, ActiveBlocks blocks, VerificationLimits limits,
    WriteBatcher writes, SendCommit commit, AuditTrail audit, MessageTexts texts, DeliverySignal delivery, DeliveryWorker worker, MessageMetrics metrics, TimeProvider clock,
    IOptions<SendingOptions> sending, IOptions<BillingOptions> billing)
{
    public const int MaxRecipients = 1000;

    /// <param name="remember">Makes the idempotency record stored with the messages, when the request has a key.</param>
    public async Task<Outcome<SendResult>> SendAsync(SendRequest request, Func<SendResult, IdempotencyRecord>? remember, CancellationToken cancellationToken)
    {
        if (await suspensions.RefusalAsync(request.TenantId, cancellationToken) is { } suspended)
        {
            return suspended;
        }
        var parsed = ParseNumbers(request.To);
        if (parsed.Error is { } notANumber)
        {
            return notANumber;
        }
        var recipients = parsed.Value!;
        var fitted = await FitContentAsync(request, cancellationToken);
        if (fitted.Error is { } unfit)
        {
            return unfit;
        }
        var (content, values) = fitted.Value;
        if (request.AppHash is { } hash && await LandingAppHashes.RefusalAsync(db, request.TenantId, hash, content?.ApplicationId, cancellationToken) is { } unknownHash)
        {
            return unknownHash;
        }
        if (request.Code is not null && await captcha.CheckAsync(request.TenantId, request.EndUser?.Captcha, riskRaised: false, cancellationToken) is { } noCaptcha)
        {
            // After the request is known to be sound, so a captcha is not spent on a request refused for its shape.
            // A missing one under "on-risk" is decided with the limits, in their one round trip, so it counts nothing.
            return noCaptcha;
        }
        var standing = await FindTestNumbersAsync(request, content, recipients, cancellationToken);
        if (standing.Error is { } outside)
        {
            return outside;
        }
        if (await ApplyBlocksAndOptOutsAsync(request, content, recipients, cancellationToken) is { } blocked)
        {
            return blocked;
        }
        var code = request.Code;
        if (code is not null && await code.PrepareAsync(recipients[0].To, content, recipients[0].IsTest, recipients[0].FixedCode, cancellationToken) is { } notNow)
        {
            return notNow;
        }
        var now = clock.UtcNowForStorage();
        var messages = Compose(request, content, values, recipients, now);
        var counted = CountsAgainstLimits(request, content);
        if (await PriceAsync(request.TenantId, standing.Value, messages, mustAfford: counted, now, cancellationToken) is { } unaffordable)
        {
            return unaffordable;
        }
        if (counted && await AcquireLimitsAsync(request, recipients, messages, now, cancellationToken) is { } limited)
        {
            return limited;
        }
        return await StoreAsync(request, content, messages, remember, now);
    }
}
