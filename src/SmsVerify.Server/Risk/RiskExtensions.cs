using SmsVerify.Server.Risk.Content;
using SmsVerify.Server.Risk.Pumping;
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
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Risk, policy => policy.RequireRole(OperatorOptions.RiskRole));
        return builder;
    }
}
