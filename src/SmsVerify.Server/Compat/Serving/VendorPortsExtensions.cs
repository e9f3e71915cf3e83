using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Compat.Serving;

public static class VendorPortsExtensions
{
    /// <summary>Reads <c>Compat</c> now, because the ports it names must be added to the server's addresses before it starts.</summary>
    public static IHostApplicationBuilder AddVendorPorts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CompatOptions>().BindConfiguration("Compat")
            .Validate(Valid, "Compat: a vendor port is 1 to 65535 and differs from the other vendors' ports; Compat:Twilio:PathPrefix is one to four /segments of letters, digits, - and _").ValidateOnStart();
        builder.Services.AddSingleton<VendorPorts>();
        var compat = builder.Configuration.GetSection("Compat").Get<CompatOptions>() ?? new();
        ExtraListeners.AddTo(builder.Configuration, "SmsVerifyVendor",
            [.. new[] { compat.Alibaba.Port, compat.Tencent.Port, compat.Twilio.Port }.OfType<int>().Distinct()]);
        return builder;
    }

    /// <summary>
    /// On a vendor's own port, answers anything but that vendor's API with the vendor's own not-found; on the main port,
    /// Twilio's paths with a native not-found when Twilio is confined to its port (Alibaba and Tencent share <c>/</c>
    /// there, so <see cref="RootApis"/> makes that choice). Runs before authorization, which would otherwise answer a
    /// native route on a vendor port with a native 401.
    /// </summary>
    public static WebApplication UseVendorPorts(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CompatOptions>>().Value;
        if (options.Alibaba.Port is null && options.Tencent.Port is null && options.Twilio.Port is null)
        {
            return app;
        }
        var ports = app.Services.GetRequiredService<VendorPorts>();
        app.Use((context, next) =>
        {
            var (port, path) = (context.Connection.LocalPort, context.Request.Path);
            if (ports.OwnerOf(port) is { } owner)
            {
                var owned = owner == Vendor.Twilio ? ports.IsTwilioPath(path) : path == "/";
                return owned ? next(context) : VendorNotFound.WriteAsync(owner, context);
            }
            return ports.IsTwilioPath(path) && !ports.Serves(Vendor.Twilio, port)
                ? ProblemTypes.NotFound.With("Twilio Verify is served on its own port only (Compat:Twilio:OnMainPort is false).").ToResult().ExecuteAsync(context)
                : next(context);
        });
        return app;
    }

    // Checked here rather than by attributes: data annotations do not reach into the nested vendor sections.
    private static bool Valid(CompatOptions options)
    {
        var ports = new[] { options.Alibaba.Port, options.Tencent.Port, options.Twilio.Port }.OfType<int>().ToList();
        return ports.All(p => p is >= 1 and <= 65535) && ports.Count == ports.Distinct().Count()
            && (options.Twilio.PathPrefix is null || TwilioPortOptions.PrefixPattern().IsMatch(options.Twilio.PathPrefix));
    }
}
