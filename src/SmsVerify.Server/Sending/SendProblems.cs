using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Sending;

/// <summary>What a send can be refused with, whichever door it came in by: the pipeline's steps, in their order.</summary>
public static class SendProblems
{
    public static readonly ProblemType[] Pipeline =
    [
        ProblemTypes.InvalidPhone, ProblemTypes.SignatureNotFound, ProblemTypes.TemplateNotFound, ProblemTypes.TemplateTypeMismatch,
        ProblemTypes.SignatureRequired, ProblemTypes.ParameterInvalid, ProblemTypes.ContentRejected, ProblemTypes.TenantSuspended,
        ProblemTypes.SandboxNumberRequired, ProblemTypes.SendingSuspended, ProblemTypes.NumberBlockBlocked, ProblemTypes.RateLimited,
        ProblemTypes.RecipientRateLimited, ProblemTypes.RateLimitExceeded, ProblemTypes.LimitsUnavailable, ProblemTypes.InsufficientBalance,
        ProblemTypes.DailySpendCapReached,
    ];
}
