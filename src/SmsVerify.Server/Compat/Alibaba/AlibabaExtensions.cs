namespace SmsVerify.Server.Compat.Alibaba;

public static class AlibabaExtensions
{
    /// <summary>Serves Dysmsapi 2017-05-25 at <c>/</c> (one of the <see cref="IRootApi"/>s there).</summary>
    public static IServiceCollection AddAlibaba(this IServiceCollection services)
    {
        services.AddSingleton<AlibabaAuthentication>();
        services.AddSingleton<IRootApi, AlibabaApi>();
        return services;
    }
}
