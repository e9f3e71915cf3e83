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
            BadHttpRequestException { StatusCode: 408 } => ProblemTypes.RequestTimeout.With("The body came too slowly; nothing was changed."),
            BadHttpRequestException { StatusCode: 415 } => ProblemTypes.UnsupportedMediaType.With(UnreadableRequests.ExpectedMediaType(httpContext)),
            BadHttpRequestException bad => UnreadableRequests.Describe(bad, httpContext),
            LimitStoreUnavailableException => ProblemTypes.StoreUnavailable.With("The limits store does not answer; nothing was sent. Retry later."),
            _ => ProblemTypes.InternalError.With("Something failed on the server. It is logged; nothing was changed."),
        };
        await error.ToResult().ExecuteAsync(httpContext);
        return true;
    }
}
