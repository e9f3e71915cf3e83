using Microsoft.Extensions.Options;

namespace SmsVerify.Server.Webhooks;

public static class WebhooksExtensions
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks")
            .Validate(o => o.MaxAttempts is >= 1 and <= 50 && o.Timeout > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.RetentionDays is >= 1 and <= 3650,
                "Webhooks: MaxAttempts is 1–50; Timeout and PollInterval are positive; RetentionDays is 1–3650.")
            .ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<WebhookOutbox>();
        builder.Services.AddSingleton<WebhookHandover>();
        builder.Services.AddSingleton<WebhookBodies>();
        builder.Services.AddScoped<TenantWebhooks>();
        builder.Services.AddSingleton<Infrastructure.Security.SealedValues>(TenantWebhooks.SealedSecrets);
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("SmsVerify-Webhooks/1"))
            .ConfigurePrimaryHttpMessageHandler(services =>
                OutboundAddressGuard.Handler(services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks))
            // A receiver that is down is the tenant's business, not an error of the server's: the dispatcher logs each
            // failed attempt in one line with its reason, instead of the factory's two stack traces.
            .RemoveAllLoggers();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddHostedService<WebhookRetention>();
        return builder;
    }
}
