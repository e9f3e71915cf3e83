using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace SmsVerify.Server.Infrastructure.Problems;

public static class ProblemsExtensions
{
    /// <summary>Bodies larger than this are refused before they are read: no endpoint needs more.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>The longest path and query answered; Kestrel itself refuses (without a body) only past twice this.</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    /// <summary>The most header bytes answered; Kestrel itself refuses (without a body) only past twice this.</summary>
    public const int MaxRequestHeadersBytes = 32 * 1024;

    public static IHostApplicationBuilder AddProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (!problem.Extensions.ContainsKey("code") && ProblemTypes.ForStatus(problem.Status ?? 500) is { } type)
            {
                problem.Extensions["code"] = type.Code;
                context.HttpContext.Items[typeof(ProblemType)] = type;
                problem.Type = type.TypeUri;
                problem.Title = type.Title;
                problem.Detail ??= type == ProblemTypes.UnsupportedMediaType
                    ? UnreadableRequests.ExpectedMediaType(context.HttpContext)
                    : type.Description;
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
        app.Use(LimitRequest);
        app.MapGet("/problems/{code}", (string code) => ProblemTypes.ByCode.TryGetValue(code, out var type)
                ? Results.Ok(new { type.Code, type.Status, type.Title, type.Description })
                : Results.NotFound())
            .ExcludeFromDescription();
        return app;
    }

    // Kestrel answers a too-long target or too-large headers with a bare status and the body limit only on the
    // stream; checked here first, each is a problem with a code, whatever server hosts the app. Uploads declare a
    // larger body limit on their endpoint.
    private static Task LimitRequest(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length > MaxRequestTargetLength)
        {
            return ProblemTypes.UriTooLong.With($"The request target is longer than {MaxRequestTargetLength} characters.")
                .ToResult().ExecuteAsync(context);
        }
        if (HeaderBytes(context.Request.Headers) > MaxRequestHeadersBytes)
        {
            return ProblemTypes.HeadersTooLarge.With($"The headers are larger than {MaxRequestHeadersBytes} bytes in all.")
                .ToResult().ExecuteAsync(context);
        }
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

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long bytes = 0;
        foreach (var (name, values) in headers)
        {
            bytes += name.Length;
            foreach (var value in values)
            {
                bytes += value?.Length ?? 0;
            }
        }
        return bytes;
    }
}
