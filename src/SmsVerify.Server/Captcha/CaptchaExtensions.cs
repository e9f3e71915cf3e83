namespace SmsVerify.Server.Captcha;

public static class CaptchaExtensions
{
    public static IHostApplicationBuilder AddCaptcha(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CaptchaOptions>().BindConfiguration("Captcha").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<CaptchaSigner>();
        builder.Services.AddSingleton<CaptchaVerifier>();
        builder.Services.AddSingleton<CaptchaPolicies>();
        builder.Services.AddScoped<CaptchaGate>();
        builder.Services.AddScoped<TenantCaptchaPolicies>();
        // Any page may fetch a challenge: it costs nothing to issue and is worth nothing until solved. No credentials
        // and no Authorization header cross origins, so a tenant key cannot be used from a browser by mistake.
        builder.Services.AddCors(cors => cors.AddPolicy(CaptchaApi.ChallengeCors, policy =>
            policy.AllowAnyOrigin().WithMethods(HttpMethods.Get).WithHeaders("x-altcha-spam-filter")));
        return builder;
    }
}
