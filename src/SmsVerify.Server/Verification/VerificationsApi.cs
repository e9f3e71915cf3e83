using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Verification;

public static class VerificationsApi
{
    public static RouteGroupBuilder MapVerifications(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/verifications").WithTags("Verifications").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Start)
            .Describe("startVerification", "Send a verification code",
                "Sends a one-time code to `to` under a verification template (the built-in sandbox template when none is named). "
                + "Starting again while a code is pending resends it, after the cooldown, on the same terms; naming another "
                + "`codeLength` or `ttlSeconds` replaces it. The code is never returned: check it with `POST /v1/verifications/check`. "
                + "With an `Idempotency-Key`, a retry answers what the first request did instead of sending again.")
            .Example(new CreateVerificationRequest("+8613812345678", "示例商城", "SMS_LOGIN", CodeLength: 6, TtlSeconds: 300))
            .Produces<VerificationView>(StatusCodes.Status201Created)
            .Example(Started)
            .Answers([.. SendProblems.Pipeline, ProblemTypes.AppHashNotApproved, ProblemTypes.ResendTooSoon, ProblemTypes.VerificationLocked,
                ProblemTypes.CaptchaRequired, ProblemTypes.CaptchaInvalid, ProblemTypes.IdempotencyKeyInUse, ProblemTypes.IdempotencyKeyReused]);
        group.MapPost("/check", Check)
            .Describe("checkVerification", "Check a code",
                "Checks the code a person entered, by verification id or by number. A wrong code answers `approved: false` and "
                + "counts against the attempts left; too many wrong codes end the verification or lock the number for a while.")
            .Example(new CheckVerificationRequest(null, "+8613812345678", "482916"))
            .Example(Started with { Status = VerificationStatus.Approved, CheckAttemptsLeft = 4 })
            .Answers(ProblemTypes.InvalidPhone, ProblemTypes.VerificationNotFound, ProblemTypes.VerificationNotPending,
                ProblemTypes.MaxCheckAttempts, ProblemTypes.VerificationLocked, ProblemTypes.LimitsUnavailable);
        group.MapGet("/{id:guid}", Get)
            .Example(Started)
            .Describe("getVerification", "Get a verification", "Its status, attempts left, and when the code expires.")
            .Answers(ProblemTypes.VerificationNotFound);
        group.MapPost("/{id:guid}/cancel", Cancel)
            .Example(Started with { Status = VerificationStatus.Canceled })
            .Describe("cancelVerification", "Cancel a verification", "The pending code stops working at once.")
            .Answers(ProblemTypes.VerificationNotFound, ProblemTypes.VerificationNotPending);
        group.MapPost("/{id:guid}/approve", Approve)
            .Example(Started with { Status = VerificationStatus.Approved })
            .Describe("approveVerification", "Approve without a code",
                "The tenant confirmed the person another way: the verification ends approved and no code is checked.")
            .Answers(ProblemTypes.VerificationNotFound, ProblemTypes.VerificationNotPending);
        return group;
    }

    private static readonly VerificationView Started = new(Guid.Parse("0193a5c2-6f01-7b3e-8a44-2f9d1c7e0b55"), "+8613812345678", "sms",
        VerificationStatus.Pending, new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 6, 8, 5, 0, DateTimeKind.Utc),
        new DateTime(2026, 12, 6, 8, 1, 0, DateTimeKind.Utc), 1, 5);

    private static Task<IResult> Start(
        CreateVerificationRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, VerificationService service,
        IdempotencyKeys keys, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        return keys.SendAsync<CreateVerificationRequest, VerificationView>(tenantId, idempotencyKey, request, StatusCodes.Status201Created,
            remember => service.StartAsync(tenantId, user.TenantMode(), request, remember, cancellationToken),
            view => TypedResults.Created($"/v1/verifications/{view.Id}", view), cancellationToken);
    }

    private static async Task<Results<Ok<VerificationView>, ApiProblem>> Check(
        CheckVerificationRequest request, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken) =>
        Answer(await service.CheckAsync(user.TenantId(), request, cancellationToken));

    private static async Task<Results<Ok<VerificationView>, ApiProblem>> Get(
        Guid id, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken) =>
        Answer(await service.GetAsync(user.TenantId(), id, cancellationToken));

    private static async Task<Results<Ok<VerificationView>, ApiProblem>> Cancel(
        Guid id, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken) =>
        Answer(await service.CancelAsync(user.TenantId(), id, cancellationToken));

    /// <summary>The tenant confirmed the person another way: the verification ends approved, no code checked.</summary>
    private static async Task<Results<Ok<VerificationView>, ApiProblem>> Approve(
        Guid id, ClaimsPrincipal user, VerificationService service, CancellationToken cancellationToken) =>
        Answer(await service.ApproveWithoutCodeAsync(user.TenantId(), id, cancellationToken));

    private static Results<Ok<VerificationView>, ApiProblem> Answer(Outcome<VerificationView> outcome) =>
        outcome.Error is { } error ? error.ToResult() : TypedResults.Ok(outcome.Value!);
}
