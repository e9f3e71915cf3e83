using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Channels;

/// <summary>Carrier channels as operators see them. Admin only: it shows where and how the platform sends.</summary>
public static class ChannelsApi
{
    public static RouteGroupBuilder MapChannels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/channels").WithTags("Channels").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListChannels)
            .Describe("listChannels", "List carrier channels", "Each SMPP channel's binds, window, throughput, breaker and recent outcomes.");
        group.MapGet("/queue", Queue).Describe("getQueue", "Get the send queue", "Messages waiting per channel and the age of the oldest.");
        return group;
    }

    private static async Task<Ok<List<ChannelView>>> ListChannels(ChannelsOverview channels, CancellationToken cancellationToken) =>
        TypedResults.Ok(await channels.ListAsync(cancellationToken));

    private static async Task<Ok<QueueDepth>> Queue(ChannelsOverview channels, CancellationToken cancellationToken) =>
        TypedResults.Ok(await channels.QueueAsync(cancellationToken));
}
