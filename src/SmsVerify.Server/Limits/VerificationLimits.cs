using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Captcha;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Limits;

/// <summary>
/// Every limit of one verification send, decided in one atomic acquire (one Lua round trip on Redis): the number's
/// failed-check lock, the tenant's windows for the number, the platform's windows for the number across tenants,
/// the tenant's own buckets for the values in <c>rateLimits</c>, and, for an <c>on-risk</c> tenant, the risk
/// signals that ask for a captcha. A refused request counts against nothing.
/// </summary>
public sealed partial class VerificationLimits(
    ILimitStore store, FallbackLimits fallback, RateLimitRules rules, CaptchaGate captcha, AppDbContext db, AuditTrail audit, WriteBatcher writes,
    IOptions<LimitsOptions> options, IOptions<VerificationOptions> verification, LimitsMetrics metrics, ILogger<VerificationLimits> logger)
{
    private enum Guard { Lock, Tenant, Recipient, Bucket, EndUserIp, NumberBlock }

    private readonly LimitsOptions _options = options.Value;

    /// <summary>
    /// Null when the send of a verification code may go on (and is counted); otherwise the refusal, with nothing
    /// counted. <paramref name="endUser"/> is null for a tenant's own message with a verification template: it is held
    /// to the number's windows, not to the buckets and risk signals of end users' requests.
    /// </summary>
    public async ValueTask<ApiError?> AcquireSendAsync(
        Guid tenantId, string to, bool toTestNumber, EndUser? endUser, DateTime now, CancellationToken cancellationToken)
    {
        FrozenDictionary<string, RateWindow[]>? buckets = null;
        if (endUser?.RateLimits is { Count: > 0 } given)
        {
            buckets = await rules.GetAsync(tenantId, db, cancellationToken);
            if (given.Keys.FirstOrDefault(key => !buckets.ContainsKey(key)) is { } unknown)
            {
                return ProblemTypes.Invalid("rateLimits", $"rateLimits names '{unknown}', which is not one of your rate limits; define it with POST /v1/rate-limits.");
            }
        }
        var onRisk = endUser is not null && await captcha.PolicyAsync(tenantId, cancellationToken) == CaptchaPolicy.OnRisk;
        var count = 5 + (endUser?.RateLimits?.Count ?? 0);
        var requests = new LimitRequest[count];
        var guards = new (Guard Guard, string? Key)[count];
        var n = 0;
        void Add(Guard guard, string? key, LimitRequest limit) => (guards[n], requests[n++]) = ((guard, key), limit);

        Add(Guard.Lock, null, new(FailuresKey(tenantId, to), _options.FailedChecksWindow, LimitUse.Check));
        if (verification.Value.Windows is { Length: > 0 } perTenant)
        {
            Add(Guard.Tenant, null, new(TenantNumberKey(tenantId, to), perTenant));
        }
        // Test numbers reach no phone, so they cannot bomb anyone and do not use up a real person's budget.
        if (!toTestNumber && _options.PerRecipientWindows is { Length: > 0 } perRecipient)
        {
            Add(Guard.Recipient, null, new($"recipient:{to}", perRecipient));
        }
        foreach (var (key, value) in endUser?.RateLimits ?? new Dictionary<string, string>())
        {
            Add(Guard.Bucket, key, new($"rl:{tenantId:N}:{key}:{value}", buckets![key]));
        }
        if (onRisk)
        {
            if (_options.RiskPerEndUserIp > 0 && EndUserNetwork(endUser!) is { } network)
            {
                Add(Guard.EndUserIp, null, new($"risk:ip:{tenantId:N}:{network}", _options.PerEndUserIpSignal, LimitUse.Signal));
            }
            if (_options.RiskPerNumberBlock > 0)
            {
                Add(Guard.NumberBlock, null, new($"risk:block:{tenantId:N}:{EndUserSignals.NumberBlock(to)}", _options.PerNumberBlockSignal, LimitUse.Signal));
            }
        }
        // A captcha that was sent has been checked already; only its absence makes a raised signal refuse.
        var refuseWhenRaised = onRisk && string.IsNullOrWhiteSpace(endUser!.Captcha);
        var decision = await AcquireAsync(requests.AsMemory(0, n), refuseWhenRaised, now, cancellationToken);
        return decision.Allowed ? null : Refusal(guards[decision.RefusedIndex], decision, to);
    }

    /// <summary>The one acquire; while the store does not answer, this node's fallback budget decides instead.</summary>
    private async ValueTask<MultiLimitDecision> AcquireAsync(ReadOnlyMemory<LimitRequest> requests, bool refuseWhenRaised, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            return await store.TryAcquireAllAsync(requests, refuseWhenRaised, new DateTimeOffset(now), cancellationToken);
        }
        catch (LimitStoreUnavailableException e)
        {
            Log.SendUnderFallback(logger, e);
            metrics.StoreUnavailable("send");
            return await fallback.TryAcquireAllAsync(requests.ToArray(), refuseWhenRaised, new DateTimeOffset(now), cancellationToken);
        }
    }

    // The refusal's kind as smsverify.limits.refused tags it, made once.
    private static readonly string[] GuardNames =
        [.. Enum.GetValues<Guard>().Select(g => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(g.ToString()))];

    private ApiError Refusal((Guard Guard, string? Key) refused, MultiLimitDecision decision, string to)
    {
        metrics.Refused(GuardNames[(int)refused.Guard]);
        if (refused.Guard is Guard.EndUserIp or Guard.NumberBlock)
        {
            return refused.Guard == Guard.EndUserIp
                ? CaptchaGate.RequiredOnRisk("many_requests_from_ip", "many verifications from this end user's network")
                : CaptchaGate.RequiredOnRisk("many_requests_to_number_block", "many verifications to numbers of this block");
        }
        var seconds = (long)decision.Window.Length.TotalSeconds;
        var (type, detail) = refused.Guard switch
        {
            Guard.Lock => (ProblemTypes.VerificationLocked, $"{decision.Window.Max} wrong codes were checked for {to} within {seconds} seconds; it is locked for verification."),
            Guard.Recipient => (ProblemTypes.RecipientRateLimited, $"At most {decision.Window.Max} verification messages to {to} from all senders in any {seconds} seconds."),
            Guard.Bucket => (ProblemTypes.RateLimitExceeded, $"At most {decision.Window.Max} verifications per value of '{refused.Key}' in any {seconds} seconds."),
            _ => (ProblemTypes.RateLimited, $"At most {decision.Window.Max} verification messages to {to} in any {seconds} seconds."),
        };
        var extensions = new Dictionary<string, object?> { ["limit"] = decision.Window.Max, ["windowSeconds"] = seconds };
        if (refused.Key is not null)
        {
            extensions["key"] = refused.Key;
        }
        return type.With(detail) with { RetryAfter = decision.RetryAfter, Extensions = extensions };
    }

    /// <summary><c>endUserIp</c>, or else <c>rateLimits.endUserIp</c> when it is an address (Twilio's examples name the key so).</summary>
    private static string? EndUserNetwork(EndUser endUser) =>
        EndUserSignals.TryNetwork(endUser.Ip, out var network)
        || (endUser.RateLimits?.TryGetValue("endUserIp", out var value) == true && EndUserSignals.TryNetwork(value, out network))
            ? network
            : null;

    private static string FailuresKey(Guid tenantId, string to) => $"fails:{tenantId:N}:{to}";

    private static string TenantNumberKey(Guid tenantId, string to) => $"verify:{tenantId:N}:{to}";

    /// <summary>The shape of <c>rateLimits</c> and <c>endUserIp</c>, checked before anything is read.</summary>
    public static ApiError? Validate(EndUser endUser)
    {
        if (endUser.RateLimits is { } given)
        {
            if (given.Count > RateLimitRules.MaxKeys)
            {
                return ProblemTypes.Invalid("rateLimits", $"rateLimits has at most {RateLimitRules.MaxKeys} keys.");
            }
            foreach (var (key, value) in given)
            {
                if (!RateLimitRules.IsKey(key) || string.IsNullOrEmpty(value) || value.Length > RateLimitRules.MaxValueLength)
                {
                    return ProblemTypes.Invalid("rateLimits", $"rateLimits maps your rate-limit keys to values of 1 to {RateLimitRules.MaxValueLength} characters.");
                }
            }
        }
        return endUser.Ip is not null && !EndUserSignals.TryNetwork(endUser.Ip, out _)
            ? ProblemTypes.Invalid("endUserIp", "endUserIp must be an IPv4 or IPv6 address.")
            : null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The limits store does not answer: this send is decided by the node's fallback budget.")]
        public static partial void SendUnderFallback(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Error, "The limits store does not answer: a check was refused with 503.")]
        public static partial void CheckRefused(ILogger logger, Exception exception);
    }
}
