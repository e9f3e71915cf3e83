using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Channels;

/// <summary>Carrier channels as operators see them. Admin only: it shows where and how the platform sends.</summary>
public static class ChannelsApi
{
    public static RouteGroupBuilder MapChannels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/channels").WithTags("Channels").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListChannels);
        return group;
    }

    private static Ok<IReadOnlyList<ChannelView>> ListChannels(ChannelRouter router) => TypedResults.Ok(router.Describe());
}
