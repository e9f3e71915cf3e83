using Microsoft.AspNetCore.Identity;
using SmsVerify.Server.Messages.Inbound;

namespace SmsVerify.Server.SmppGateway;

public static class SmppGatewayExtensions
{
    public static IHostApplicationBuilder AddSmppGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmppListenerOptions>().BindConfiguration("SmppListener")
            .Validate(o => System.Net.IPAddress.TryParse(o.Address, out _) && o.Port is >= 0 and <= 65535 && o.TlsPort is >= 0 and <= 65535
                && o.SystemId.Length is > 0 and <= 15 && o.MaxLongMessagesInParts > 0 && o.PartHoldTime > TimeSpan.Zero
                && o.DeliveryPoll > TimeSpan.Zero && o.DeliveryLease > TimeSpan.Zero
                && o.BindTimeout > TimeSpan.Zero && o.MaxConnections > 0
                && o.FailedBindsBeforeSlowing >= 0 && o.FailedBindsBeforeRefusing > 0 && o.FailedBindLockout > TimeSpan.Zero
                && (o.CertificatePath is null || File.Exists(o.CertificatePath)),
                "SmppListener: Address is an IP address; Port and TlsPort 0–65535; SystemId 1–15 characters; the counts and times (BindTimeout, MaxConnections too) positive; "
                + "CertificatePath, when set, an existing file.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPasswordHasher<SmppAccount>, PasswordHasher<SmppAccount>>();
        builder.Services.AddSingleton<BindGuard>();
        builder.Services.AddSingleton<AccountRates>();
        builder.Services.AddSingleton<GatewayBinds>();
        builder.Services.AddSingleton<GatewaySubmits>();
        builder.Services.AddSingleton<GatewayQueries>();
        builder.Services.AddSingleton<GatewayHandler>();
        builder.Services.AddSingleton<SmppListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SmppListener>());
        builder.Services.AddSingleton<GatewayDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GatewayDispatcher>());
        builder.Services.AddSingleton<IInboundRelay, GatewayReplies>();
        builder.Services.AddScoped<SmppAccounts>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSmppGateway(this IEndpointRouteBuilder routes)
    {
        routes.MapSmppAccounts();
        return routes;
    }
}
