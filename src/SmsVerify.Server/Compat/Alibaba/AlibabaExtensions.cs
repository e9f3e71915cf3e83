using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Compat.Alibaba;

public static class AlibabaExtensions
{
    /// <summary>Serves Dysmsapi 2017-05-25 at <c>/</c> (one of the <see cref="IRootApi"/>s there), and webhooks in Alibaba's format.</summary>
    public static IHostApplicationBuilder AddAlibaba(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlibabaAuthentication>();
        builder.Services.AddSingleton<IRootApi, AlibabaApi>();
        builder.Services.AddSingleton<IWebhookFormatWriter, AlibabaCallbacks>();
        return builder;
    }
}
