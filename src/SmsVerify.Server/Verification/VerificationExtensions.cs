using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Policy;

namespace SmsVerify.Server.Verification;

public static class VerificationExtensions
{
    public static IHostApplicationBuilder AddVerifications(this IHostApplicationBuilder builder)
    {
        // The policy file's limits first, then configuration, so an operator's setting wins value by value.
        builder.Services.AddOptions<VerificationOptions>()
            .Configure<PlatformPolicy>((options, policy) =>
            {
                options.Limits = new Dictionary<string, int>(policy.Limits.VerificationPerNumber);
                options.ResendCooldownSeconds = policy.Limits.ResendCooldownSeconds;
                options.MaxCheckAttempts = policy.Limits.MaxCheckAttempts;
            })
            .BindConfiguration("Verification")
            .ValidateDataAnnotations()
            .Validate(VerificationOptions.LimitsAreValid, "Verification:Limits keys must be window lengths in seconds (1 to 2678400) and values 0 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<VerificationCodes>();
        builder.Services.AddSingleton<SealedValues>(VerificationCodes.Sealed);
        builder.Services.AddSingleton<VerificationMetrics>();
        builder.Services.AddScoped<VerificationService>();
        builder.Services.AddScoped<VerificationLog>();
        builder.Services.AddHostedService<VerificationRetention>();
        return builder;
    }
}
