using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Compat.Tencent;

public static class TencentExtensions
{
    /// <summary>Tencent Cloud SMS 2021-01-11 at <c>/</c> (served by the root dispatcher, <see cref="RootApis"/>), and webhooks in Tencent's format.</summary>
    public static IHostApplicationBuilder AddTencent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TencentAuthentication>();
        builder.Services.AddSingleton<IRootApi, TencentApi>();
        builder.Services.AddSingleton<IWebhookFormatWriter, TencentCallbacks>();
        builder.Services.AddScoped<TencentSendSms>();
        builder.Services.AddScoped<TencentSendStatus>();
        builder.Services.AddScoped<TencentReplyStatus>();
        builder.Services.AddScoped<TencentTemplates>();
        builder.Services.AddScoped<TencentSigns>();
        return builder;
    }
}
