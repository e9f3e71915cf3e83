using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
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
        group.MapPost("/", Send);
        return group;
    }

    private static Task<IResult> Send(
        SendMessagesRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, IdempotentSends sends,
        CancellationToken cancellationToken) =>
        sends.SendAsync(user.TenantId(), user.TenantMode(), request, idempotencyKey, cancellationToken);
}

public sealed record SendMessagesRequest(List<string>? To, string? Signature, string? Template, Dictionary<string, string>? Params);
