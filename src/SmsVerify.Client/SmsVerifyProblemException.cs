using System.Net;
using System.Text.Json;

namespace SmsVerify.Client;

/// <summary>
/// The server refused a call with an RFC 9457 problem. Switch on <see cref="Code"/>, the stable name (docs/problems.md);
/// <see cref="Title"/> and <see cref="Detail"/> are for people and may change. An error answer that is no problem (a proxy's
/// 502 page, say) has a null <see cref="Code"/>.
/// </summary>
public sealed class SmsVerifyProblemException : Exception
{
    public SmsVerifyProblemException(HttpStatusCode status, string? code, string? title, string? detail)
        : base(Describe(status, code, title, detail))
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The problem's stable code, such as <c>resend_too_soon</c>.</summary>
    public string? Code { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>The request field at fault, on <c>invalid_argument</c> and some others.</summary>
    public string? Field { get; init; }

    /// <summary>The path the problem is about.</summary>
    public string? Instance { get; init; }

    /// <summary>The problem's <c>type</c> URI, <c>/problems/{code}</c> on the server.</summary>
    public string? Type { get; init; }

    /// <summary>How long the server asked to wait, from <c>Retry-After</c>, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Every other member of the problem, such as <c>verificationStatus</c>, <c>variable</c> or <c>limit</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = new Dictionary<string, JsonElement>();

    private static string Describe(HttpStatusCode status, string? code, string? title, string? detail) =>
        $"{(int)status} {code ?? status.ToString()}: {detail ?? title ?? "the server gave no reason"}";
}
