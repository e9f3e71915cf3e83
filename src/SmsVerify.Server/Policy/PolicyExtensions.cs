using SmsVerify.Server.Infrastructure.Contract;

namespace SmsVerify.Server.Policy;

public static class PolicyExtensions
{
    /// <summary>Loads the policy now, while the server starts: a broken file stops the start with its reason.</summary>
    public static IHostApplicationBuilder AddPolicy(this IHostApplicationBuilder builder)
    {
        var path = builder.Configuration["Policy:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, PlatformPolicy.DefaultFileName);
        builder.Services.AddSingleton(PlatformPolicy.Load(path));
        return builder;
    }

    /// <summary>The rules in force, for anyone with a key: reviews are explained, so their rules are public.</summary>
    public static RouteHandlerBuilder MapPolicy(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/policy", (PlatformPolicy policy) => TypedResults.Ok(policy))
            .WithTags("Policy")
            .RequireAuthorization()
            .Describe("getPolicy", "Get the platform policy",
                "The rules in force (review rules, limits, marketing hours), for anyone with a key: reviews are explained, so their rules are public.");
}
