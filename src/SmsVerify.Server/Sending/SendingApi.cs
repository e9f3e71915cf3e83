using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sending;

/// <summary>
/// <c>POST /v1/messages</c> <c>{to: [numbers], signature, template, params}</c>: the native door into the send
/// pipeline, answering <c>202</c> with one message per distinct recipient. Reading messages back is the Messages feature's.
/// </summary>
public static class SendingApi
{
    public static RouteGroupBuilder MapSending(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/messages").WithTags("Messages").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Send)
            .Describe("sendMessages", "Send a message",
                "Sends one message per distinct recipient in `to` (at most 100) under an approved signature and notification or "
                + "marketing template, and answers 202 once every message is stored and queued. With an `Idempotency-Key`, a "
                + "retry answers what the first request did instead of sending again.")
            .Produces<SendResult>(StatusCodes.Status202Accepted)
            .Example(new SendMessagesRequest(["+8613812345678"], "示例商城", "SMS_ORDER_SHIPPED", new() { ["order"] = "20261206001" }))
            .Example(new SendResult([new SentMessage(Guid.Parse("0193a5c2-7a10-7cc1-9d2e-4b1f0c8e5a21"), "+8613812345678", 1, Messages.MessageStatus.Queued, null)], 0.045m))
            .Answers([.. SendProblems.Pipeline, ProblemTypes.MarketingWindowClosed, ProblemTypes.IdempotencyKeyInUse, ProblemTypes.IdempotencyKeyReused]);
        return group;
    }

    private static Task<IResult> Send(
        SendMessagesRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, IdempotentSends sends,
        CancellationToken cancellationToken) =>
        sends.SendAsync(user.TenantId(), user.TenantMode(), request, idempotencyKey, cancellationToken);
}

public sealed record SendMessagesRequest(List<string>? To, string? Signature, string? Template, Dictionary<string, string>? Params = null);
