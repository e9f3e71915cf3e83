using System.Net;

namespace SmsVerify.Client;

/// <summary>When a failed attempt is made again, and after how long. Every rule here reads the answer, never guesses.</summary>
internal static class Retries
{
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";

    /// <summary>The wait before the next attempt after this problem, or null to throw it.</summary>
    public static TimeSpan? Delay(SmsVerifyProblemException problem, bool repeatable, int attempt, SmsVerifyClientOptions options)
    {
        // The server refused before acting and said when to come back, so any call may come back: if the wait is
        // one the caller is willing to sit through. A 429 naming no wait (max_check_attempts) is final.
        if (problem.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && problem.RetryAfter is { } wait)
        {
            return wait <= options.MaxRetryDelay ? wait : null;
        }
        // Another attempt of this very send is still being handled: asking again answers with its result.
        if (problem.Code == IdempotencyKeyInUse)
        {
            return Backoff(attempt, options);
        }
        // No wait named (a bare 503, a gateway's 502 or 504): the server may have acted, so only a call that may repeat does.
        return repeatable && problem.Status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            ? Backoff(attempt, options)
            : null;
    }

    /// <summary>A lost connection or the HttpClient's timeout, as opposed to the caller cancelling.</summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Doubling from the base delay, ±20 % so that many clients do not come back at once, never past the cap.</summary>
    public static TimeSpan Backoff(int attempt, SmsVerifyClientOptions options)
    {
        var delay = options.RetryBaseDelay * Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }
}
