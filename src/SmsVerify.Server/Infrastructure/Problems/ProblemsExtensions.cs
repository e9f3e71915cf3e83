using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace SmsVerify.Server.Infrastructure.Problems;

public static class ProblemsExtensions
{
    /// <summary>Bodies larger than this are refused before they are read: no endpoint needs more.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IHostApplicationBuilder AddProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (!problem.Extensions.ContainsKey("code") && ProblemTypes.ForStatus(problem.Status ?? 500) is { } type)
            {
                problem.Extensions["code"] = type.Code;
                problem.Type = type.TypeUri;
                problem.Title = type.Title;
                problem.Detail ??= type.Description;
            }
        });
        builder.Services.AddExceptionHandler<ExceptionProblemHandler>();
        // Binding failures throw, so they reach the one handler above instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(LimitRequestBody);
        app.MapGet("/problems/{code}", (string code) => ProblemTypes.ByCode.TryGetValue(code, out var type)
                ? Results.Ok(new { type.Code, type.Status, type.Title, type.Description })
                : Results.NotFound())
            .ExcludeFromDescription();
        return app;
    }

    // Kestrel enforces the limit on the stream for chunked bodies; a declared length is refused up front so the
    // answer is a problem with a code, whatever server hosts the app. Uploads declare a larger limit on their endpoint.
    private static Task LimitRequestBody(HttpContext context, RequestDelegate next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return ProblemTypes.BodyTooLarge.With($"The body is {context.Request.ContentLength} bytes; the limit is {limit}.")
                .ToResult().ExecuteAsync(context);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        return next(context);
    }
}
