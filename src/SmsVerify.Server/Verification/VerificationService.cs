using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Verification;

/// <summary>
/// Starting and resending verifications. Checks and cancels are in the other part of this class. Every refusal
/// happens before anything is written, and what is written is written in one transaction.
/// </summary>
public sealed partial class VerificationService(
    AppDbContext db, WriteBatcher writes, AuditTrail audit, ILimitStore limits, VerificationCodes codes, TimeProvider clock,
    IOptions<VerificationOptions> options)
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
        var testNumber = await VerificationQueries.TestNumber(db, tenantId, to, cancellationToken);
        if (testNumber is null)
        {
            return ProblemTypes.SandboxNumberRequired.With(mode == TenantMode.Sandbox
                ? $"Your tenant is in sandbox mode and {to} is not one of its test numbers. Register it with POST /v1/sandbox/numbers."
                : $"The built-in sandbox signature and template send only to test numbers, and {to} is not one of yours.");
        }
        var nowUtc = clock.UtcNowForStorage();
        var pending = await VerificationQueries.Pending(db, tenantId, to, cancellationToken);
        if (pending is { CodeSeal: not null } && pending.ExpiresAt > nowUtc)
        {
            var resendAfter = pending.LastSentAt.AddSeconds(_options.ResendCooldownSeconds);
            if (nowUtc < resendAfter)
            {
                var tooSoon = ProblemTypes.ResendTooSoon.With($"The code was sent to {to} at {pending.LastSentAt:O}; it can be sent again from {resendAfter:O}.");
                return tooSoon with { RetryAfter = resendAfter - nowUtc };
            }
        }
        else
        {
            pending = null;
        }
        if (await CountSendAsync(tenantId, to, nowUtc, cancellationToken) is { } limited)
        {
            return limited;
        }
        var code = pending is null
            ? testNumber.FixedCode ?? VerificationCodes.Generate(request.CodeLength ?? DefaultCodeLength)
            : codes.Unseal(pending.Id, pending.CodeSeal!);
        var verification = pending ?? NewVerification(tenantId, to, request, code, nowUtc);
        verification.SendCount++;
        verification.LastSentAt = nowUtc;
        verification.UpdatedAt = nowUtc;
        var validFor = verification.ExpiresAt - nowUtc;
        var message = SandboxDelivery.Record(new OutgoingText(tenantId, to, verification.Signature, verification.Template,
            SandboxTemplate.Render(code, validFor), SandboxTemplate.RenderMasked(code.Length, validFor), verification.Id), nowUtc);
        if (pending is null)
        {
            // The common case, a new verification, is two inserts: group-committed with other sends.
            var started = new AuditEntry("verification.started", Target(verification), tenantId, $"to={to}");
            await writes.InsertAsync(audit.Stamp(started), verification, message);
        }
        else
        {
            db.Messages.Add(message);
            var resent = new AuditEntry("verification.resent", Target(verification), tenantId, $"sendCount={verification.SendCount}");
            await audit.SaveChangesAsync(db, resent, cancellationToken);
        }
        return VerificationView.From(verification, nowUtc, _options);
    }

    private VerificationRecord NewVerification(Guid tenantId, string to, CreateVerificationRequest request, string code, DateTime now)
    {
        var id = Guid.CreateVersion7();
        var verification = new VerificationRecord
        {
            Id = id,
            TenantId = tenantId,
            To = to,
            Status = VerificationStatus.Pending,
            CodeHash = codes.Hash(id, code),
            CodeSeal = codes.Seal(id, code),
            CodeLength = code.Length,
            Signature = request.Signature ?? SandboxTemplate.Signature,
            Template = request.Template ?? SandboxTemplate.TemplateCode,
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(request.TtlSeconds ?? DefaultTtlSeconds),
        };
        return verification;
    }

    private static string Target(VerificationRecord verification) => $"verification:{verification.Id}";

    private async Task<ApiError?> CountSendAsync(Guid tenantId, string to, DateTime now, CancellationToken cancellationToken)
    {
        var windows = _options.Windows;
        if (windows.Length == 0)
        {
            return null;
        }
        var decision = await limits.TryAcquireAsync($"verify:{tenantId:N}:{to}", windows, new DateTimeOffset(now), cancellationToken);
        if (decision.Allowed)
        {
            return null;
        }
        var seconds = (long)decision.Window.Length.TotalSeconds;
        return ProblemTypes.RateLimited.With($"At most {decision.Window.Max} verification messages to {to} in any {seconds} seconds.") with
        {
            RetryAfter = decision.RetryAfter,
            Extensions = new Dictionary<string, object?> { ["limit"] = decision.Window.Max, ["windowSeconds"] = seconds },
        };
    }

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
        if (request.Signature is not null && request.Signature != SandboxTemplate.Signature)
        {
            return ProblemTypes.SignatureNotFound.With($"No approved signature '{Echo.Truncate(request.Signature)}'. Omit signature to use the built-in '{SandboxTemplate.Signature}'.");
        }
        if (request.Template is not null && request.Template != SandboxTemplate.TemplateCode)
        {
            return ProblemTypes.TemplateNotFound.With($"No approved template '{Echo.Truncate(request.Template)}'. Omit template to use the built-in '{SandboxTemplate.TemplateCode}'.");
        }
        return null;
    }
}
