using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Messages.Inbound;
using SmsVerify.Server.Telemetry;

namespace SmsVerify.Server.Messages;

public static class MessagesExtensions
{
    public static IHostApplicationBuilder AddMessages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration("Delivery").ValidateDataAnnotations()
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.NodeTimeout >= 2 * o.HeartbeatInterval,
                "Delivery:HeartbeatInterval is more than zero and Delivery:NodeTimeout at least two of them: one late beat must not look like a dead node.")
            .ValidateOnStart();
        builder.Services.AddOptions<MessagesOptions>().BindConfiguration("Messages").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MessageTexts>();
        builder.Services.AddSingleton<SealedValues>(MessageTexts.Sealed);
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<DeliveryAttempt>();
        builder.Services.AddSingleton<MessageOutcomes>();
        builder.Services.AddSingleton<Receipts>();
        builder.Services.AddSingleton<StatusEvents>();
        builder.Services.AddSingleton<MessageMetrics>();
        builder.Services.AddGauges<QueueMetrics>();
        builder.Services.AddSingleton<MessagesSettled>();
        builder.Services.AddSingleton<InboundMessages>();
        builder.Services.AddSingleton<IChannelEventSink, ChannelEventStore>();
        builder.Services.AddSingleton<IBindLeases, BindLeases>();
        builder.Services.AddSingleton<IChannelRoutes>(services => services.GetRequiredService<ChannelRouter>());
        // Before the worker: hosted services stop in reverse order, so the node beats until the worker's last submits are written.
        builder.Services.AddSingleton<DeliveryNode>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeliveryNode>());
        builder.Services.AddSingleton<DeliveryWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeliveryWorker>());
        builder.Services.AddHostedService<MessageRetention>();
        builder.Services.AddScoped<Stats.TrafficStats>();
        builder.Services.AddScoped<Stats.TenantUsage>();
        builder.Services.AddScoped<MessageLog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMessaging(this IEndpointRouteBuilder routes)
    {
        routes.MapMessages();
        routes.MapInbound();
        return routes;
    }
}
