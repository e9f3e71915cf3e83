using System.Collections.Frozen;
using System.Globalization;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>Twilio's error body: the SDK raises a <c>RestException</c> from exactly these four members.</summary>
public sealed record TwilioError(int Code, string Message, string MoreInfo, int Status);

/// <summary>
/// Every native problem (<see cref="ProblemTypes"/>) as the Twilio code and HTTP status an SDK user would get from
/// Twilio for the same outcome; docs/compat-twilio.md carries the same table. An RFC 9457 body is never sent here:
/// the SDK would raise a different exception type for it.
/// </summary>
internal static class TwilioErrors
{
    public const int InvalidParameter = 60200, NotFound = 20404, Authenticate = 20003, MethodNotAllowed = 20004;
    public const int MaxSendAttempts = 60203, MaxCheckAttempts = 60202, TooManyRequests = 20429, DeliveryBlocked = 60410;
    public const int InternalError = 20500, ServiceUnavailable = 20503, UnverifiedNumber = 21608, AccountNotActive = 10001;

    private static readonly FrozenDictionary<string, (int Code, int Status)> ByProblem = new Dictionary<string, (int, int)>
    {
        [ProblemTypes.InvalidBody.Code] = (InvalidParameter, 400),
        [ProblemTypes.InvalidArgument.Code] = (InvalidParameter, 400),
        [ProblemTypes.ParameterInvalid.Code] = (InvalidParameter, 400),
        [ProblemTypes.InvalidPhone.Code] = (InvalidParameter, 400),
        [ProblemTypes.ContentRejected.Code] = (InvalidParameter, 400),
        [ProblemTypes.SignatureNotFound.Code] = (InvalidParameter, 400),
        [ProblemTypes.TemplateNotFound.Code] = (InvalidParameter, 400),
        [ProblemTypes.TemplateTypeMismatch.Code] = (InvalidParameter, 400),
        [ProblemTypes.AppHashNotApproved.Code] = (InvalidParameter, 400),
        [ProblemTypes.SignatureRequired.Code] = (InvalidParameter, 400),
        [ProblemTypes.CaptchaInvalid.Code] = (InvalidParameter, 400),
        [ProblemTypes.BodyTooLarge.Code] = (InvalidParameter, 413),
        [ProblemTypes.UnsupportedMediaType.Code] = (InvalidParameter, 415),
        [ProblemTypes.Unauthorized.Code] = (Authenticate, 401),
        [ProblemTypes.SandboxNumberRequired.Code] = (UnverifiedNumber, 400),
        [ProblemTypes.InsufficientBalance.Code] = (AccountNotActive, 402),
        [ProblemTypes.DailySpendCapReached.Code] = (AccountNotActive, 402),
        [ProblemTypes.NumberBlockBlocked.Code] = (DeliveryBlocked, 403),
        [ProblemTypes.SendingSuspended.Code] = (DeliveryBlocked, 403),
        [ProblemTypes.TenantSuspended.Code] = (DeliveryBlocked, 403),
        [ProblemTypes.CaptchaRequired.Code] = (DeliveryBlocked, 403),
        [ProblemTypes.NotFound.Code] = (NotFound, 404),
        [ProblemTypes.VerificationNotFound.Code] = (NotFound, 404),
        // Twilio deletes a verification once it is approved, canceled, expired or out of attempts: it is not found.
        [ProblemTypes.VerificationNotPending.Code] = (NotFound, 404),
        [ProblemTypes.MethodNotAllowed.Code] = (MethodNotAllowed, 405),
        [ProblemTypes.ResendTooSoon.Code] = (MaxSendAttempts, 429),
        [ProblemTypes.RateLimited.Code] = (MaxSendAttempts, 429),
        [ProblemTypes.RecipientRateLimited.Code] = (MaxSendAttempts, 429),
        [ProblemTypes.RateLimitExceeded.Code] = (TooManyRequests, 429),
        [ProblemTypes.VerificationLocked.Code] = (MaxCheckAttempts, 429),
        [ProblemTypes.MaxCheckAttempts.Code] = (MaxCheckAttempts, 429),
        [ProblemTypes.InternalError.Code] = (InternalError, 500),
        [ProblemTypes.StoreUnavailable.Code] = (ServiceUnavailable, 503),
        [ProblemTypes.LimitsUnavailable.Code] = (ServiceUnavailable, 503),
    }.ToFrozenDictionary();

    /// <summary>Twilio's answer for a native problem; one this table does not name is an invalid parameter with its own status.</summary>
    public static IResult From(ApiError error)
    {
        var (code, status) = ByProblem.TryGetValue(error.Type.Code, out var mapped) ? mapped : (InvalidParameter, error.Type.Status);
        return new TwilioErrorResult(new TwilioError(code, $"{error.Type.Title}: {error.Detail}", MoreInfo(code), status), error.RetryAfter);
    }

    public static IResult Invalid(string parameter, string detail) =>
        Of(InvalidParameter, 400, $"Invalid parameter `{parameter}`: {detail}");

    public static IResult NotFoundAt(HttpRequest request) =>
        Of(NotFound, 404, $"The requested resource {request.Path} was not found");

    public static IResult Unauthenticated() => Of(Authenticate, 401, "Authenticate");

    public static IResult Of(int code, int status, string message) => new TwilioErrorResult(new TwilioError(code, message, MoreInfo(code), status), null);

    private static string MoreInfo(int code) => $"https://www.twilio.com/docs/errors/{code.ToString(CultureInfo.InvariantCulture)}";

    private sealed class TwilioErrorResult(TwilioError error, TimeSpan? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfter is { } wait)
            {
                httpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            if (error.Status == 401)
            {
                httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            }
            return TwilioJson.Write(httpContext, error, error.Status);
        }
    }
}
