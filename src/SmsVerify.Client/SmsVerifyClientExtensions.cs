using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SmsVerify.Client;

public static class SmsVerifyClientExtensions
{
    /// <summary>
    /// Registers <see cref="SmsVerifyClient"/> as a typed client of <c>IHttpClientFactory</c>, configured by
    /// <paramref name="configure"/> (or by binding <see cref="SmsVerifyClientOptions"/> yourself), checked when the host
    /// starts. The builder returned adds handlers or a primary handler as usual; the client retries by itself, so add no
    /// retrying handler as well.
    /// </summary>
    public static IHttpClientBuilder AddSmsVerifyClient(this IServiceCollection services, Action<SmsVerifyClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SmsVerifyClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.Validate(o => o.BaseAddress is { IsAbsoluteUri: true } && !string.IsNullOrEmpty(o.ApiKey),
            "SmsVerifyClientOptions needs an absolute BaseAddress and an ApiKey.").ValidateOnStart();
        var builder = services.AddHttpClient(nameof(SmsVerifyClient));
        builder.AddTypedClient((http, provider) => new SmsVerifyClient(http, provider.GetRequiredService<IOptions<SmsVerifyClientOptions>>().Value));
        return builder;
    }
}
