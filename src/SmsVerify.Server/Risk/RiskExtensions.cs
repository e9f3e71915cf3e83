using SmsVerify.Server.Policy;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Risk.Content;
using SmsVerify.Server.Risk.Pumping;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk;

public static class RiskExtensions
{
    public static IHostApplicationBuilder AddRisk(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ContentRiskOptions>().BindConfiguration("Risk:Content").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(_ => ContentModel.BuiltIn);
        builder.Services.AddSingleton<ContentScorer>();
        builder.AddPumping();
        builder.Services.AddOptions<BreakerOptions>()
            .Configure<PlatformPolicy>((options, policy) =>
            {
                options.WindowSeconds = policy.Breakers.WindowSeconds;
                options.Template = policy.Breakers.Template;
                options.Signature = policy.Breakers.Signature;
                options.Tenant = policy.Breakers.Tenant;
            })
            .BindConfiguration("Risk:Breakers")
            .ValidateDataAnnotations()
            .Validate(BreakerOptions.AreOrdered, "Risk:Breakers needs Template <= Signature <= Tenant: a wider scope trips after more violations.")
            .ValidateOnStart();
        builder.Services.AddSingleton<BreakerBoard>();
        builder.Services.AddSingleton<BreakerTrips>();
        builder.Services.AddSingleton<BreakerMetrics>();
        builder.Services.AddScoped<BreakerControl>();
        builder.Services.AddScoped<Incidents.IncidentControl>();
        builder.Services.AddSingleton<TextScoring>();
        builder.Services.AddSingleton<BreakerRefresher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BreakerRefresher>());
        builder.Services.AddSingleton<ContentFit>();
        builder.Services.AddSingleton<SendScreen>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Risk, policy => policy.RequireRole(OperatorOptions.RiskRole));
        return builder;
    }
}
