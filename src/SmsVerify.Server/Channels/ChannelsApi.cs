using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Channels;

/// <summary>Carrier channels as operators see them. Admin only: it shows where and how the platform sends.</summary>
public static class ChannelsApi
{
    public static RouteGroupBuilder MapChannels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/channels").WithTags("Channels").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListChannels);
        group.MapGet("/queue", Queue);
        return group;
    }

    private static async Task<Ok<List<ChannelView>>> ListChannels(ChannelRouter router, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var depth = await QueueDepth.MeasureAsync(db, router, clock.UtcNowForStorage(), cancellationToken);
        return TypedResults.Ok(router.Describe().Select(view => view with { Queued = depth.ByChannel.GetValueOrDefault(view.Name) }).ToList());
    }

    private static async Task<Ok<QueueDepth>> Queue(ChannelRouter router, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueueDepth.MeasureAsync(db, router, clock.UtcNowForStorage(), cancellationToken));
}
