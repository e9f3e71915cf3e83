namespace SmsVerify.Server.Sandbox;

public static class SandboxExtensions
{
    public static IHostApplicationBuilder AddSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration("Sandbox").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<SandboxRetention>();
        builder.Services.AddScoped<SandboxNumbers>();
        return builder;
    }
}
