using StackExchange.Redis;

namespace SmsVerify.Server.Limits;

public static class LimitsExtensions
{
    /// <summary>Redis when <c>ConnectionStrings:Redis</c> is set (all nodes share limits); otherwise in memory.</summary>
    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<ILimitStore, InMemoryLimitStore>();
            return builder;
        }
        var options = ConfigurationOptions.Parse(redis);
        // Start even while Redis is down: readiness reports it and sends answer 503 until it is back.
        options.AbortOnConnectFail = false;
        var prefix = builder.Configuration["Limits:KeyPrefix"] ?? "smsverify:";
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<ILimitStore>(sp => new RedisLimitStore(sp.GetRequiredService<IConnectionMultiplexer>(), prefix));
        return builder;
    }
}
