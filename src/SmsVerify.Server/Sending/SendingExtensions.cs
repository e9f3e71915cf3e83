using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Content;

namespace SmsVerify.Server.Sending;

public static class SendingExtensions
{
    public static IHostApplicationBuilder AddSending(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SendingOptions>().BindConfiguration("Sending").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(services => new ContentResolver(
            services.GetRequiredService<IMemoryCache>(), TimeSpan.FromSeconds(services.GetRequiredService<IOptions<SendingOptions>>().Value.ContentCacheSeconds)));
        builder.Services.AddSingleton<SendCommit>();
        builder.Services.AddScoped<SendPipeline>();
        builder.Services.AddSingleton<IdempotencyKeys.InFlight>();
        builder.Services.AddScoped<IdempotencyKeys>();
        builder.Services.AddScoped<IdempotentSends>();
        return builder;
    }
}
