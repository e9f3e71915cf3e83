using Microsoft.AspNetCore.Diagnostics;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Infrastructure.Problems;

/// <summary>
/// Maps what the framework throws for unreadable requests, and an unreachable store, to problems with codes;
/// anything else becomes a bare 500 whose details stay in the log.
/// </summary>
internal sealed class ExceptionProblemHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => ProblemTypes.BodyTooLarge.With("The request body is too large."),
            BadHttpRequestException { StatusCode: 415 } => ProblemTypes.UnsupportedMediaType.With("Send the body as application/json."),
            BadHttpRequestException bad => ProblemTypes.InvalidBody.With(Describe(bad)),
            LimitStoreUnavailableException => ProblemTypes.StoreUnavailable.With("The limits store does not answer; nothing was sent. Retry later."),
            _ => ProblemTypes.InternalError.With("Something failed on the server. It is logged; nothing was changed."),
        };
        await error.ToResult().ExecuteAsync(httpContext);
        return true;
    }

    // The framework's message names the parameter and the JSON path; the inner JsonException says what was wrong.
    private static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is System.Text.Json.JsonException json && json.Path is not null
            ? $"The body is not valid at '{json.Path}': {json.Message.Split(". Path:")[0]}."
            : exception.Message;
}
