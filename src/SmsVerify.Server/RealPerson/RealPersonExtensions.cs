using Microsoft.Extensions.Options;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.RealPerson;

public static class RealPersonExtensions
{
    public static IHostApplicationBuilder AddRealPerson(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RealPersonOptions>().BindConfiguration("RealPerson")
            .Validate(o => o.DefaultProvider is ManualRealPersonProvider.ProviderName or SandboxRealPersonProvider.ProviderName,
                "RealPerson:DefaultProvider is manual or sandbox (a face-verification service plugs in as another IRealPersonProvider).")
            .ValidateOnStart();
        builder.Services.AddSingleton<IRealPersonProvider, ManualRealPersonProvider>();
        builder.Services.AddSingleton<IRealPersonProvider>(services =>
            new SandboxRealPersonProvider(services.GetRequiredService<IOptions<RealPersonOptions>>()));
        builder.Services.AddScoped<RealPersonService>();
        builder.Services.AddScoped<IReviewKind, RealPersonReview>();
        return builder;
    }
}
