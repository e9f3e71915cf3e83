using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Autofill;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sandbox;

public sealed record RegisterNumberRequest(string? Phone, string? FixedCode = null);

public sealed record SandboxNumberView(string Phone, string? FixedCode, DateTime CreatedAt);

/// <summary>
/// A message in a test number's inbox, with the code a phone would pick out of it and the forms that let a browser or
/// an app fill it in: the origin (and embedded frame's origin) of a WebOTP last line, an SMS Retriever app hash.
/// </summary>
public sealed record InboxMessageView(
    Guid Id, string To, string Text, DateTime ReceivedAt, string? Code, string? WebOtpOrigin = null, string? WebOtpEmbeddedOrigin = null, string? AppHash = null)
{
    public static InboxMessageView Read(Guid id, string to, string text, DateTime receivedAt)
    {
        var webOtp = WebOtpLine.Last(text);
        return new(id, to, text, receivedAt, webOtp?.Code ?? CodeExtractor.Extract(text), webOtp?.Origin, webOtp?.EmbeddedOrigin, Autofill.AppHash.Find(text));
    }
}

/// <summary>
/// Test numbers and their inboxes: the platform's legitimate "SMS receiving", for a tenant's own tests only. An
/// inbox holds only what its own tenant sent.
/// </summary>
public static class SandboxApi
{
    public static RouteGroupBuilder MapSandbox(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sandbox/numbers").WithTags("Sandbox").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", RegisterNumber)
            .Example(new RegisterNumberRequest("+8613800000001", "123456"))
            .Describe("addSandboxNumber", "Add a test number",
                "Messages to a test number are not sent to a carrier: they land in its inbox. An optional `fixedCode` makes every "
                + "verification code sent to it that code, for automated tests.")
            .Answers(ProblemTypes.InvalidPhone, ProblemTypes.SandboxNumberExists, ProblemTypes.SandboxNumberLimit);
        group.MapGet("/", ListNumbers).Describe("listSandboxNumbers", "List test numbers", "The tenant's test numbers and their fixed codes.");
        group.MapDelete("/{phone}", DeleteNumber)
            .Describe("deleteSandboxNumber", "Remove a test number", "Its inbox goes with it.")
            .Answers(ProblemTypes.InvalidPhone, ProblemTypes.SandboxNumberNotFound);
        group.MapGet("/{phone}/messages", ReadInbox)
            .Example(new List<InboxMessageView> { InboxMessageView.Read(Guid.Parse("0193a5c2-6f02-7d10-9b2a-3c4d5e6f7a8b"), "+8613800000002",
                "【示例商城】您的登录验证码为482916，5分钟内有效。\n\n@shop.example.cn #482916", new DateTime(2026, 12, 6, 8, 0, 1, DateTimeKind.Utc)) })
            .Describe("readSandboxInbox", "Read a test number's inbox",
                "What the tenant sent to this test number, newest first, with the code picked out of each text; `limit` 1 to 100.")
            .Answers(ProblemTypes.InvalidPhone, ProblemTypes.SandboxNumberNotFound);
        return group;
    }

    private static async Task<Results<Created<SandboxNumberView>, ApiProblem>> RegisterNumber(
        RegisterNumberRequest request, ClaimsPrincipal user, SandboxNumbers numbers, CancellationToken cancellationToken)
    {
        var registered = await numbers.RegisterAsync(user.TenantId(), request.Phone, request.FixedCode, cancellationToken);
        return registered.Value is { } number
            ? TypedResults.Created($"/v1/sandbox/numbers/{Uri.EscapeDataString(number.Phone)}", number)
            : registered.Error!.ToResult();
    }

    private static async Task<Ok<List<SandboxNumberView>>> ListNumbers(ClaimsPrincipal user, SandboxNumbers numbers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await numbers.ListAsync(user.TenantId(), cancellationToken));

    private static async Task<Results<NoContent, ApiProblem>> DeleteNumber(
        string phone, ClaimsPrincipal user, SandboxNumbers numbers, CancellationToken cancellationToken) =>
        (await numbers.DeleteAsync(user.TenantId(), phone, cancellationToken)).Error is { } error ? error.ToResult() : TypedResults.NoContent();

    private static async Task<Results<Ok<List<InboxMessageView>>, ApiProblem>> ReadInbox(
        string phone, int? limit, ClaimsPrincipal user, SandboxNumbers numbers, CancellationToken cancellationToken)
    {
        var inbox = await numbers.InboxAsync(user.TenantId(), phone, limit ?? 20, cancellationToken);
        return inbox.Error is { } error ? error.ToResult() : TypedResults.Ok(inbox.Value!);
    }
}
