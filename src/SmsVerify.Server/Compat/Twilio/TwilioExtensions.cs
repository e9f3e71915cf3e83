namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// Twilio Verify v2, served by path at <c>/v2/…</c> (Twilio's SDKs keep the path of their URLs; only the origin is
/// swapped, see docs/compat-twilio.md). Every answer under <c>/v2</c>, a wrong path included, is in Twilio's shape.
/// </summary>
public static class TwilioExtensions
{
    public static IHostApplicationBuilder AddTwilio(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TwilioAuthentication>();
        return builder;
    }

    /// <summary>Maps Twilio Verify at <c>/v2</c>, and again under a path prefix when one is configured.</summary>
    public static IEndpointRouteBuilder MapTwilio(this IEndpointRouteBuilder routes, string? pathPrefix)
    {
        routes.MapTwilioAt("/v2");
        if (pathPrefix is not null)
        {
            routes.MapTwilioAt(pathPrefix + "/v2");
        }
        return routes;
    }

    private static RouteGroupBuilder MapTwilioAt(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup(prefix).WithTags("Twilio Verify v2").ExcludeFromDescription();
        group.AddEndpointFilter<TwilioAuthentication>();
        group.MapTwilioServices();
        group.MapTwilioVerifications();
        group.MapTwilioRateLimits();
        // Twilio answers an unknown resource with its own 404, never the native problem body.
        group.Map("/{**rest}", (HttpContext context) => TwilioErrors.NotFoundAt(context.Request));
        return group;
    }
}
