using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.TenantPeople;

public sealed record InviteRequest(string? Email, string? Role);

/// <summary>
/// How a tenant's first person arrives: an admin invites its owner (the console's tenant page does the same), and
/// the owner invites the rest from the tenant console.
/// </summary>
public static class TenantPeopleApi
{
    public static RouteGroupBuilder MapTenantPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/tenants/{tenantId:guid}/invitations").WithTags("Tenants").RequireAuthorization(Policies.Admin);
        group.MapPost("/", Invite)
            .Example(new InviteRequest("owner@shop.example.cn", "owner"))
            .Describe("inviteTenantPerson", "Invite a tenant's person",
                "A one-time link (7 days) for a person of the tenant to set a password and a second factor in the console; "
                + "this is how a tenant's first owner is made.")
            .Answers(ProblemTypes.TenantNotFound, ProblemTypes.TenantUserExists);
        return group;
    }

    private static async Task<Results<Created<InvitationLink>, ApiProblem>> Invite(
        Guid tenantId, InviteRequest request, TenantInvitations invitations, CancellationToken cancellationToken)
    {
        var invited = await invitations.InviteAsync(tenantId, request.Email, request.Role, cancellationToken);
        return invited.Error is { } error ? error.ToResult() : TypedResults.Created(invited.Value!.Link, invited.Value);
    }
}
