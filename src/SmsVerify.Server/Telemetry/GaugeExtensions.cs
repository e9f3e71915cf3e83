using OpenTelemetry.Metrics;

namespace SmsVerify.Server.Telemetry;

public static class GaugeExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/>, whose constructor creates observable gauges, and makes it when a meter
    /// provider is built: gauges nobody depends on would otherwise never exist, and while nothing exports metrics
    /// they are not made at all.
    /// </summary>
    public static IServiceCollection AddGauges<T>(this IServiceCollection services) where T : class
    {
        services.AddSingleton<T>();
        services.ConfigureOpenTelemetryMeterProvider((provider, _) => provider.GetRequiredService<T>());
        return services;
    }
}
