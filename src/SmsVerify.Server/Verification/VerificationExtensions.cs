namespace SmsVerify.Server.Verification;

public static class VerificationExtensions
{
    public static IHostApplicationBuilder AddVerifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<VerificationOptions>().BindConfiguration("Verification")
            .ValidateDataAnnotations()
            .Validate(VerificationOptions.LimitsAreValid, "Verification:Limits keys must be window lengths in seconds (1 to 2678400) and values 0 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<VerificationCodes>();
        builder.Services.AddScoped<VerificationService>();
        return builder;
    }
}
