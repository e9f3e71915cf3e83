using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Captcha;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Risk.Pumping;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Verification;

/// <summary>
/// Starting and resending verifications. Checks and cancels are in the other part of this class. Every refusal
/// happens before anything is written, and what is written is written in one transaction.
/// </summary>
public sealed partial class VerificationService(
    AppDbContext db, WriteBatcher writes, AuditTrail audit, VerificationLimits limits, VerificationCodes codes, MessageTexts texts, DeliverySignal queue, CaptchaGate captcha, SendScreen screen,
    ActiveBlocks blocks,
    TimeProvider clock, IOptions<VerificationOptions> options, IOptions<SendingOptions> sending, IOptions<BillingOptions> billing)
{
    public const int MinCodeLength = 4, MaxCodeLength = 8, DefaultCodeLength = 6;
    public const int MinTtlSeconds = 60, MaxTtlSeconds = 1800, DefaultTtlSeconds = 300;

    private readonly VerificationOptions _options = options.Value;

    public async Task<Outcome<VerificationView>> StartAsync(Guid tenantId, TenantMode mode, CreateVerificationRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        return await OnOneConnectionAsync(() => StartValidAsync(tenantId, mode, request, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Keeps one connection open for all of an operation's statements instead of opening and closing one per
    /// statement, which on the hot paths costs more than the statements themselves.
    /// </summary>
    private async Task<T> OnOneConnectionAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await operation();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Outcome<VerificationView>> StartValidAsync(Guid tenantId, TenantMode mode, CreateVerificationRequest request, CancellationToken cancellationToken)
    {
        if (!PhoneNumberParser.TryParseMobile(request.To, out var to))
        {
            return ProblemTypes.NotAMobileNumber(request.To);
        }
        var resolved = await ResolveContentAsync(tenantId, request, cancellationToken);
        if (resolved.Error is { } unusable)
        {
            return unusable;
        }
        var content = resolved.Value;
        // After the request is known to be sound, so a captcha is not spent on a request refused for its shape.
        // A missing one under "on-risk" is decided with the limits, in their one round trip, so it counts nothing.
        if (await captcha.CheckAsync(tenantId, request.Captcha, riskRaised: false, cancellationToken) is { } refused)
        {
            return refused;
        }
        var testNumber = await VerificationQueries.TestNumber(db, tenantId, to, cancellationToken);
        if (testNumber is null)
        {
            if (mode == TenantMode.Sandbox)
            {
                return ProblemTypes.SandboxNumberRequired.With(
                    $"Your tenant is in sandbox mode and {to} is not one of its test numbers. Register it with POST /v1/sandbox/numbers.");
            }
            if (content is null)
            {
                return ProblemTypes.SignatureRequired.With(
                    $"{to} is not one of your test numbers: name one of your approved signatures and verification templates (signature, template).");
            }
        }
        if (testNumber is null && blocks.Refuse(tenantId, to) is { } blocked)
        {
            return blocked;
        }
        var nowUtc = clock.UtcNowForStorage();
        var pending = await VerificationQueries.Pending(db, tenantId, to, cancellationToken);
        VerificationRecord? replaced = null;
        if (pending is not { CodeSeal: not null } || pending.ExpiresAt <= nowUtc)
        {
            pending = null;
        }
        else if (pending.Signature != (content?.Signature ?? SandboxTemplate.Signature) || pending.Template != (content?.Template ?? SandboxTemplate.TemplateCode))
        {
            // Another template means another message: the old code must not stay valid beside the new one.
            (replaced, pending) = (pending, null);
        }
        else if (nowUtc < pending.LastSentAt.AddSeconds(_options.ResendCooldownSeconds))
        {
            var resendAfter = pending.LastSentAt.AddSeconds(_options.ResendCooldownSeconds);
            var tooSoon = ProblemTypes.ResendTooSoon.With($"The code was sent to {to} at {pending.LastSentAt:O}; it can be sent again from {resendAfter:O}.");
            return tooSoon with { RetryAfter = resendAfter - nowUtc };
        }
        // A message to a real number is priced first, so a send refused for its price does not count against the
        // number's limits; a refused send to a test number costs only the limit check.
        var cost = 0L;
        if (testNumber is null)
        {
            var codeLength = pending?.CodeLength ?? request.CodeLength ?? DefaultCodeLength;
            (cost, var unaffordable) = await PriceAsync(tenantId, content!, request.Params, codeLength, cancellationToken);
            if (unaffordable is not null)
            {
                return unaffordable;
            }
        }
        if (await limits.AcquireSendAsync(tenantId, to, testNumber is not null, request, nowUtc, cancellationToken) is { } limited)
        {
            return limited;
        }
        var code = pending is null
            ? testNumber?.FixedCode ?? VerificationCodes.Generate(request.CodeLength ?? DefaultCodeLength)
            : codes.Unseal(pending.Id, pending.CodeSeal!);
        var verification = pending ?? NewVerification(tenantId, to, request, content, code, testNumber is null, nowUtc);
        var message = Message(verification, content, request.Params, code, testNumber is not null, nowUtc);
        message.Cost = cost;
        if (pending is null && replaced is null && message.Status != MessageStatus.Queued)
        {
            // The common case in tests and development, a new code to a test number, is two inserts: group-committed.
            verification.SendCount = 1;
            verification.LastSentAt = verification.UpdatedAt = nowUtc;
            var started = new AuditEntry("verification.started", Target(verification), tenantId, $"to={to}");
            await writes.InsertAsync(audit.Stamp(started), verification, message);
            return VerificationView.From(verification, nowUtc, _options);
        }
        var stored = await audit.RunAsync(db, async () =>
        {
            // Charged first: nothing is changed unless the balance and the daily spend cap allow the message.
            if (await Balances.TryChargeAsync(db, tenantId, message.Cost, nowUtc, cancellationToken) is { } refused)
            {
                return (refused, (AuditEntry?)null);
            }
            verification.SendCount++;
            verification.LastSentAt = verification.UpdatedAt = nowUtc;
            if (replaced is not null)
            {
                replaced.Status = VerificationStatus.Canceled;
                replaced.CodeSeal = null;
                replaced.UpdatedAt = nowUtc;
            }
            if (pending is null)
            {
                db.Verifications.Add(verification);
            }
            db.Messages.Add(message);
            return ((ApiError?)null, pending is not null
                ? new AuditEntry("verification.resent", Target(verification), tenantId, $"sendCount={verification.SendCount}")
                : new AuditEntry("verification.started", Target(verification), tenantId, replaced is null ? $"to={to}" : $"to={to} replaces={replaced.Id}"));
        }, cancellationToken);
        if (stored is { } refusal)
        {
            return refusal;
        }
        if (message.Status == MessageStatus.Queued)
        {
            queue.Wake();
        }
        return VerificationView.From(verification, nowUtc, _options);
    }

    private VerificationRecord NewVerification(
        Guid tenantId, string to, CreateVerificationRequest request, ApprovedContent? content, string code, bool toRealNumber, DateTime now)
    {
        var id = Guid.CreateVersion7();
        var verification = new VerificationRecord
        {
            Id = id,
            TenantId = tenantId,
            To = to,
            Block = toRealNumber ? NumberBlock.Of(to).ToString() : null,
            Status = VerificationStatus.Pending,
            CodeHash = codes.Hash(id, code),
            CodeSeal = codes.Seal(id, code),
            CodeLength = code.Length,
            Signature = content?.Signature ?? SandboxTemplate.Signature,
            Template = content?.Template ?? SandboxTemplate.TemplateCode,
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(request.TtlSeconds ?? DefaultTtlSeconds),
        };
        return verification;
    }

    private static string Target(VerificationRecord verification) => $"verification:{verification.Id}";

    private static ApiError? Validate(CreateVerificationRequest request)
    {
        if (request.CodeLength is < MinCodeLength or > MaxCodeLength)
        {
            return ProblemTypes.Invalid("codeLength", $"codeLength must be {MinCodeLength} to {MaxCodeLength}.");
        }
        if (request.TtlSeconds is < MinTtlSeconds or > MaxTtlSeconds)
        {
            return ProblemTypes.Invalid("ttlSeconds", $"ttlSeconds must be {MinTtlSeconds} to {MaxTtlSeconds}.");
        }
        if (request.Signature is { Length: > SendParameters.MaxNameLength } || request.Template is { Length: > SendParameters.MaxNameLength })
        {
            return ProblemTypes.Invalid(request.Signature is { Length: > SendParameters.MaxNameLength } ? "signature" : "template",
                $"signature and template are at most {SendParameters.MaxNameLength} characters.");
        }
        if (request.Params is { Count: > SendParameters.MaxCount })
        {
            return ProblemTypes.Invalid("params", $"At most {SendParameters.MaxCount} params.");
        }
        return VerificationLimits.Validate(request);
    }
}
