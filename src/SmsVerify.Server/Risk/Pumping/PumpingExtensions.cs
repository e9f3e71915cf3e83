using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk.Pumping;

public static class PumpingExtensions
{
    public static IHostApplicationBuilder AddPumping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PumpingOptions>().BindConfiguration("Risk:Pumping").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ActiveBlocks>();
        builder.Services.AddScoped<RiskBlocks>();
        builder.Services.AddSingleton<PumpingDetector>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PumpingDetector>());
        builder.Services.AddHostedService<ActiveBlocksRefresher>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(RiskBlocksApi.TenantOrRisk, policy => policy.RequireAssertion(context =>
            context.User.HasClaim(c => c.Type == Caller.TenantClaim) || context.User.IsInRole(OperatorOptions.RiskRole)));
        return builder;
    }
}
