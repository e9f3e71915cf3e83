using Microsoft.AspNetCore.Mvc;

namespace SmsVerify.Server.Infrastructure.Problems;

/// <summary>Writes an <see cref="ApiError"/> as an RFC 9457 problem with its stable <c>code</c>.</summary>
public sealed class ApiProblem(ApiError error) : IResult, IStatusCodeHttpResult
{
    public ApiError Error { get; } = error;

    public int? StatusCode => Error.Type.Status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var problem = ToProblemDetails(Error);
        problem.Instance = httpContext.Request.Path;
        if (Error.RetryAfter is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        httpContext.Response.StatusCode = Error.Type.Status;
        httpContext.Items[typeof(ProblemType)] = Error.Type; // which problem was answered, for whoever checks the contract
        var json = httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>();
        return httpContext.Response.WriteAsJsonAsync(problem, json.Value.SerializerOptions, "application/problem+json");
    }

    public static ProblemDetails ToProblemDetails(ApiError error)
    {
        var problem = new ProblemDetails
        {
            Type = error.Type.TypeUri,
            Title = error.Type.Title,
            Status = error.Type.Status,
            Detail = error.Detail,
        };
        problem.Extensions["code"] = error.Type.Code;
        if (error.RetryAfter is { } retryAfter)
        {
            problem.Extensions["retryAfter"] = RetryAfterSeconds(retryAfter);
        }
        foreach (var (key, value) in error.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        return problem;
    }

    // Clients sleep for Retry-After seconds; rounding down would send them back a moment too early.
    private static long RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
}
