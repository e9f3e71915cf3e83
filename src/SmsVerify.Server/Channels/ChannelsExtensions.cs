using Microsoft.Extensions.Options;

namespace SmsVerify.Server.Channels;

public static class ChannelsExtensions
{
    /// <summary>
    /// The SMPP and CMPP channels of the <c>Channels</c> list and the built-in sandbox carrier, the router over them, and
    /// the hosted service that binds them. Receipts and replies go to the <see cref="IChannelEventSink"/> registered
    /// as a singleton elsewhere; without one, carrier channels ask the carrier to deliver them again later.
    /// </summary>
    public static IHostApplicationBuilder AddChannels(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<List<ChannelOptions>>().BindConfiguration("Channels").ValidateOnStart();
        services.AddSingleton<IValidateOptions<List<ChannelOptions>>, ChannelOptionsValidator>();
        services.AddOptions<SandboxCarrierOptions>().BindConfiguration("Sandbox")
            .Validate(o => o.CarrierReceiptDelay >= TimeSpan.Zero, "Sandbox:CarrierReceiptDelay is zero or more.")
            .ValidateOnStart();
        services.AddSingleton<SandboxCarrierChannel>();
        services.AddSingleton<ChannelComeback>();
        services.AddSingleton<ChannelMetrics>();
        services.AddSingleton(CreateRouter);
        services.AddScoped<ChannelsOverview>();
        services.AddHostedService<ChannelHost>();
        return builder;
    }

    private static ChannelRouter CreateRouter(IServiceProvider services)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var sink = services.GetService<IChannelEventSink>();
        var comeback = services.GetRequiredService<ChannelComeback>();
        var leases = services.GetService<IBindLeases>();
        var metrics = services.GetRequiredService<ChannelMetrics>();
        var carriers = services.GetRequiredService<IOptions<List<ChannelOptions>>>().Value
            .Select(CarrierChannel (options) => options.IsCmpp
                ? new CmppMessageChannel(options, clock, loggers, sink, comeback: comeback, leases: leases, metrics: metrics)
                : new SmppMessageChannel(options, clock, loggers, sink, comeback: comeback, leases: leases, metrics: metrics));
        return new ChannelRouter([.. carriers, services.GetRequiredService<SandboxCarrierChannel>()]);
    }
}
