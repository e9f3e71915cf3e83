using SmsVerify.Server.Policy;
using StackExchange.Redis;

namespace SmsVerify.Server.Limits;

public static class LimitsExtensions
{
    /// <summary>Redis when <c>ConnectionStrings:Redis</c> is set (all nodes share limits); otherwise in memory.</summary>
    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        // The policy file's limits first, then configuration, so an operator's setting wins value by value.
        builder.Services.AddOptions<LimitsOptions>()
            .Configure<PlatformPolicy>((options, policy) =>
            {
                options.PerRecipient = new Dictionary<string, int>(policy.Limits.PlatformPerNumber!);
                options.FailedChecksLockAfter = policy.Limits.FailedChecks!.Max;
                options.FailedChecksWindowSeconds = policy.Limits.FailedChecks.WindowSeconds;
                options.RiskWindowSeconds = policy.Limits.Risk!.WindowSeconds;
                options.RiskPerEndUserIp = policy.Limits.Risk.PerEndUserIp;
                options.RiskPerNumberBlock = policy.Limits.Risk.PerNumberBlock;
            })
            .BindConfiguration("Limits")
            .ValidateDataAnnotations()
            .Validate(o => RateWindow.AreValid(o.PerRecipient), "Limits:PerRecipient keys must be window lengths in seconds (1 to 2678400) and values 0 or more.")
            .ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<LimitsMetrics>();
        builder.Services.AddSingleton<FallbackLimits>();
        builder.Services.AddSingleton<RateLimitRules>();
        builder.Services.AddScoped<VerificationLimits>();
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<ILimitStore, InMemoryLimitStore>();
            return builder;
        }
        var options = ConfigurationOptions.Parse(redis);
        // Start even while Redis is down: readiness reports it, sends use the fallback budget and checks answer 503.
        options.AbortOnConnectFail = false;
        // And fail at once while it is down, instead of holding every request for the command timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var prefix = builder.Configuration["Limits:KeyPrefix"] ?? "smsverify:";
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<ILimitStore>(sp => new RedisLimitStore(sp.GetRequiredService<IConnectionMultiplexer>(), prefix));
        return builder;
    }
}
