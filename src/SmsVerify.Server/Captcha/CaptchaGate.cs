using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Captcha;

/// <summary>
/// The captcha decision of a verification send. A captcha that is sent is always checked and spent, whatever the
/// tenant's policy; one that is missing matters only when the policy asks for it.
/// </summary>
public sealed class CaptchaGate(CaptchaPolicies policies, CaptchaVerifier verifier, AppDbContext db)
{
    /// <summary>
    /// Null when the send may go on; otherwise <c>captcha_required</c> (403) or <c>captcha_invalid</c> (400).
    /// <paramref name="riskRaised"/> is the send path's own judgement (many requests from one IP, a hot number
    /// block…), which the <c>on-risk</c> policy follows.
    /// </summary>
    public ValueTask<ApiError?> CheckAsync(Guid tenantId, string? captchaPayload, bool riskRaised, CancellationToken cancellationToken)
    {
        // An unsolved widget posts an empty field: that is no captcha, not a wrong one.
        if (!string.IsNullOrWhiteSpace(captchaPayload))
        {
            return VerifyAsync();
        }
        var policy = policies.GetAsync(tenantId, db, cancellationToken);
        return policy.IsCompletedSuccessfully ? ValueTask.FromResult(Decide(policy.Result)) : DecideAsync();

        async ValueTask<ApiError?> VerifyAsync()
        {
            var verdict = await verifier.VerifyAsync(tenantId, captchaPayload, cancellationToken);
            return verdict == CaptchaVerdict.Valid ? null : Invalid(verdict);
        }

        async ValueTask<ApiError?> DecideAsync() => Decide(await policy);

        ApiError? Decide(CaptchaPolicy p) => p == CaptchaPolicy.Always || (p == CaptchaPolicy.OnRisk && riskRaised)
            ? ProblemTypes.CaptchaRequired.With(p == CaptchaPolicy.Always
                ? "Your tenant requires a solved captcha with every verification: send the widget's payload as `captcha`."
                : "This request needs a solved captcha: send the widget's payload as `captcha`.")
            : null;
    }

    /// <summary>The tenant's policy, from the same cache: the send path counts risk signals only under <c>on-risk</c>.</summary>
    public ValueTask<CaptchaPolicy> PolicyAsync(Guid tenantId, CancellationToken cancellationToken) =>
        policies.GetAsync(tenantId, db, cancellationToken);

    /// <summary>The 403 of an <c>on-risk</c> tenant's request whose risk is raised, <paramref name="reason"/> saying by what.</summary>
    public static ApiError RequiredOnRisk(string reason, string detail) =>
        ProblemTypes.CaptchaRequired.With($"This request needs a solved captcha ({detail}): send the widget's payload as `captcha`.") with
        { Extensions = new Dictionary<string, object?> { ["reason"] = reason } };

    private static ApiError Invalid(CaptchaVerdict verdict) =>
        ProblemTypes.CaptchaInvalid.With(verdict switch
        {
            CaptchaVerdict.Expired => "The captcha has expired; solve a new challenge.",
            CaptchaVerdict.Reused => "The captcha was already used; each solved challenge is good for one verification.",
            CaptchaVerdict.OtherTenant => "The captcha was issued for another tenant.",
            CaptchaVerdict.WrongNumber => "The captcha is not solved.",
            CaptchaVerdict.BadSignature => "The captcha was not issued by this server, or was altered.",
            CaptchaVerdict.WrongAlgorithm => "The captcha uses an algorithm other than SHA-256.",
            _ => "The captcha is not an ALTCHA payload (base64 of its JSON).",
        }) with
        { Extensions = new Dictionary<string, object?> { ["reason"] = ReasonName(verdict) } };

    /// <summary>The stable <c>reason</c> member of a <c>captcha_invalid</c> problem: <c>wrong_number</c>, <c>reused</c>…</summary>
    public static string ReasonName(CaptchaVerdict verdict) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(verdict.ToString());
}
