using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.SmppGateway;

/// <summary><c>/v1/smpp/accounts</c>: what a tenant's gateway binds to the SMPP listener with.</summary>
public static class SmppAccountsApi
{
    public static RouteGroupBuilder MapSmppAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/smpp/accounts").WithTags("SMPP").RequireAuthorization(Policies.Tenant);
        group.MapPost("/", Create)
            .Example(new SmppAccountRequest("shop-gw1", ["203.0.113.0/24"], MaxBinds: 2, Window: 64, MessagesPerSecond: 100))
            .Describe("createSmppAccount", "Create an SMPP account",
                "A `systemId` and a password (8 characters, made by the server and shown only in this answer) for your gateway to "
                + "bind to the SMPP listener with, the addresses it may bind from (none: any), and its binds, window and rate.")
            .Answers(ProblemTypes.SmppSystemIdTaken, ProblemTypes.TooManySmppAccounts);
        group.MapGet("/", List).Describe("listSmppAccounts", "List SMPP accounts", "Your tenant's SMPP accounts, with the binds each has open.");
        group.MapGet("/{id:guid}", Get).Describe("getSmppAccount", "Get an SMPP account", "One account; never its password.")
            .Answers(ProblemTypes.SmppAccountNotFound);
        group.MapPut("/{id:guid}", Update)
            .Example(new SmppAccountRequest(AllowedAddresses: ["203.0.113.0/24", "198.51.100.7"], Window: 128))
            .Describe("updateSmppAccount", "Change an SMPP account",
                "Addresses, binds, window, rate and whether replies go to it; what is left out stays. Open binds from addresses no "
                + "longer allowed are closed; the rest take the new window and rate when they bind again.")
            .Answers(ProblemTypes.SmppAccountNotFound);
        group.MapPost("/{id:guid}/password", ResetPassword)
            .Describe("resetSmppPassword", "Reset the password", "A new password, shown only in this answer; binds open with the old one are closed.")
            .Answers(ProblemTypes.SmppAccountNotFound);
        group.MapDelete("/{id:guid}", Delete)
            .Describe("deleteSmppAccount", "Delete an SMPP account", "Its binds are closed, and receipts and replies still owed to it are dropped.")
            .Answers(ProblemTypes.SmppAccountNotFound);
        return group;
    }

    private static async Task<Results<Created<SmppAccountView>, ApiProblem>> Create(
        SmppAccountRequest request, ClaimsPrincipal user, SmppAccounts accounts, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(user.TenantId(), request, cancellationToken);
        return created.Error is { } error ? error.ToResult() : TypedResults.Created($"/v1/smpp/accounts/{created.Value!.Id}", created.Value);
    }

    private static async Task<Ok<List<SmppAccountView>>> List(ClaimsPrincipal user, SmppAccounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListAsync(user.TenantId(), cancellationToken));

    private static async Task<Results<Ok<SmppAccountView>, ApiProblem>> Get(Guid id, ClaimsPrincipal user, SmppAccounts accounts, CancellationToken cancellationToken) =>
        await accounts.GetAsync(user.TenantId(), id, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : SmppAccounts.NotFound().ToResult();

    private static async Task<Results<Ok<SmppAccountView>, ApiProblem>> Update(
        Guid id, SmppAccountRequest request, ClaimsPrincipal user, SmppAccounts accounts, CancellationToken cancellationToken) =>
        Answer(await accounts.UpdateAsync(user.TenantId(), id, request, cancellationToken));

    private static async Task<Results<Ok<SmppAccountView>, ApiProblem>> ResetPassword(
        Guid id, ClaimsPrincipal user, SmppAccounts accounts, CancellationToken cancellationToken) =>
        Answer(await accounts.ResetPasswordAsync(user.TenantId(), id, cancellationToken));

    private static async Task<Results<NoContent, ApiProblem>> Delete(Guid id, ClaimsPrincipal user, SmppAccounts accounts, CancellationToken cancellationToken) =>
        await accounts.DeleteAsync(user.TenantId(), id, cancellationToken) is { } error ? error.ToResult() : TypedResults.NoContent();

    private static Results<Ok<SmppAccountView>, ApiProblem> Answer(Outcome<SmppAccountView> outcome) =>
        outcome.Error is { } error ? error.ToResult() : TypedResults.Ok(outcome.Value!);
}
