using Microsoft.Extensions.Options;
using SmsVerify.Server.Compat.Alibaba;
using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Compat.Serving;
using SmsVerify.Server.Compat.Tencent;
using SmsVerify.Server.Compat.Twilio;

namespace SmsVerify.Server.Compat;

/// <summary>The vendor-compatible doors into the one send pipeline (docs/compat.md), and the credentials they check.</summary>
public static class CompatExtensions
{
    public static IHostApplicationBuilder AddCompat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VendorCredentials>();
        builder.Services.AddSingleton<Infrastructure.Security.SealedValues>(VendorCredentials.Sealed);
        builder.Services.AddScoped<TenantVendorCredentials>();
        builder.AddVendorPorts();
        builder.AddAlibaba();
        builder.AddTencent();
        builder.AddTwilio();
        return builder;
    }

    public static IEndpointRouteBuilder MapCompat(this IEndpointRouteBuilder routes)
    {
        routes.MapVendorCredentials();
        routes.MapRootApis();
        routes.MapTwilio(routes.ServiceProvider.GetRequiredService<IOptions<CompatOptions>>().Value.Twilio.PathPrefix);
        return routes;
    }
}
