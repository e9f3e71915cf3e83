using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Operators;

public sealed record ChangeRoleRequest(string? Role);

/// <summary>
/// The people who sign in to the console, for an admin key: this is how the first admin person is made with the
/// operator key printed on first start (the console's Operators page does the same for a signed-in admin).
/// </summary>
public static class OperatorsApi
{
    public static RouteGroupBuilder MapOperators(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/operators/accounts").WithTags("Operators").RequireAuthorization(Policies.Admin);
        group.MapPost("/", Create)
            .Example(new CreateOperatorRequest("li.na", "李娜", "auditor", "correct horse battery staple"))
            .Describe("createOperator", "Create an operator account",
                "A person who signs in to the operators' console, with a role; answers the TOTP secret to enrol the second factor, once.")
            .Answers(ProblemTypes.OperatorExists);
        group.MapGet("/", List).Describe("listOperators", "List operator accounts", "User names, roles and whether each is enabled.");
        group.MapPost("/{id:guid}/second-factor/reset", ResetSecondFactor)
            .Describe("resetOperatorSecondFactor", "Reset a second factor", "A new TOTP secret for a person who lost theirs, shown once.")
            .Answers(ProblemTypes.OperatorNotFound);
        group.MapPut("/{id:guid}/role", (Guid id, ChangeRoleRequest request, OperatorAccounts accounts, CancellationToken cancellationToken) =>
                Answer(accounts.ChangeRoleAsync(id, request.Role, actingAccount: null, cancellationToken)))
            .Example(new ChangeRoleRequest("risk"))
            .Describe("changeOperatorRole", "Change an operator's role", "admin, auditor or risk; the last enabled admin stays admin.")
            .Answers(ProblemTypes.OperatorNotFound, ProblemTypes.OperatorLastAdmin);
        group.MapPost("/{id:guid}/disable", (Guid id, OperatorAccounts accounts, CancellationToken cancellationToken) =>
                Answer(accounts.DisableAsync(id, actingAccount: null, cancellationToken)))
            .Describe("disableOperator", "Disable an operator account", "The person can no longer sign in; the last enabled admin stays.")
            .Answers(ProblemTypes.OperatorNotFound, ProblemTypes.OperatorLastAdmin);
        group.MapPost("/{id:guid}/enable", (Guid id, OperatorAccounts accounts, CancellationToken cancellationToken) =>
                Answer(accounts.EnableAsync(id, cancellationToken)))
            .Describe("enableOperator", "Enable an operator account", "The person can sign in again.")
            .Answers(ProblemTypes.OperatorNotFound);
        return group;
    }

    private static async Task<Results<Created<EnrolledOperator>, ApiProblem>> Create(
        CreateOperatorRequest request, OperatorAccounts accounts, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(request, cancellationToken);
        return created.Error is { } error
            ? error.ToResult()
            : TypedResults.Created($"/v1/operators/accounts/{created.Value!.Operator.Id}", created.Value);
    }

    private static async Task<Ok<List<OperatorView>>> List(OperatorAccounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListAsync(cancellationToken));

    private static async Task<Results<Ok<OperatorView>, ApiProblem>> Answer(Task<Outcome<OperatorView>> change)
    {
        var changed = await change;
        return changed.Error is { } error ? error.ToResult() : TypedResults.Ok(changed.Value!);
    }

    private static async Task<Results<Ok<EnrolledOperator>, ApiProblem>> ResetSecondFactor(
        Guid id, OperatorAccounts accounts, CancellationToken cancellationToken)
    {
        var reset = await accounts.ResetSecondFactorAsync(id, cancellationToken);
        return reset.Error is { } error ? error.ToResult() : TypedResults.Ok(reset.Value!);
    }
}
