using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Verification;

/// <summary>
/// Starting and resending verifications: a send through the one pipeline, with the code's lifecycle
/// (<see cref="VerificationStart"/>) on top. Checks and cancels are in the other part of this class.
/// </summary>
internal sealed partial class VerificationService(
    AppDbContext db, SendPipeline pipeline, WriteBatcher writes, AuditTrail audit, VerificationLimits limits, VerificationCodes codes,
    VerificationMetrics metrics, TimeProvider clock, IOptions<VerificationOptions> options)
{
    public const int MinCodeLength = 4, MaxCodeLength = 8, DefaultCodeLength = 6;
    public const int MinTtlSeconds = 60, MaxTtlSeconds = 1800, DefaultTtlSeconds = 300;

    private readonly VerificationOptions _options = options.Value;

    /// <param name="remember">Makes the idempotency record stored with the send from its answer, when the request has a key.</param>
    public async Task<Outcome<VerificationView>> StartAsync(
        Guid tenantId, TenantMode mode, CreateVerificationRequest request, Func<VerificationView, IdempotencyRecord>? remember, CancellationToken cancellationToken)
    {
        var endUser = new EndUser(request.RateLimits, request.EndUserIp, request.Captcha);
        if ((Validate(request) ?? VerificationLimits.Validate(endUser)) is { } invalid)
        {
            return invalid;
        }
        var start = new VerificationStart(db, codes, _options, clock, tenantId, request);
        var send = new SendRequest(tenantId, mode, [request.To], request.Signature, request.Template, request.Params)
        {
            Code = start,
            EndUser = endUser,
            AppHash = request.AppHash,
        };
        // The answer is made once, before the send commits, so that a replay under its key answers exactly the same.
        VerificationView? answer = null;
        VerificationView Answer() => answer ??= start.ViewOnceSent(clock.UtcNowForStorage());
        var sent = await OnOneConnectionAsync(
            () => pipeline.SendAsync(send, remember is null ? null : _ => remember(Answer()), cancellationToken), cancellationToken);
        if (sent.Error is { } refused)
        {
            return refused;
        }
        metrics.Sent(start.Resent);
        return Answer();
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
        if (request.AppHash is { } hash && !Autofill.AppHash.IsWellFormed(hash))
        {
            return ProblemTypes.Invalid("appHash", "appHash is an SMS Retriever app hash: 11 characters of A–Z, a–z, 0–9, + and /.");
        }
        return request.Params is { Count: > SendParameters.MaxCount } ? ProblemTypes.Invalid("params", $"At most {SendParameters.MaxCount} params.") : null;
    }
}
