using System.Net.Http.Headers;
using System.Text.Json;

namespace SmsVerify.Client;

/// <summary>Turns an error answer into a <see cref="SmsVerifyProblemException"/>.</summary>
internal static class ProblemReader
{
    private static readonly HashSet<string> Members = ["type", "title", "status", "detail", "instance", "code", "field", "retryAfter"];

    public static async Task<SmsVerifyProblemException> ReadAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var retryAfter = RetryAfter(response.Headers.RetryAfter, now);
        if (!IsJson(response.Content.Headers.ContentType) || !TryParse(body, out var problem))
        {
            return new SmsVerifyProblemException(response.StatusCode, null, response.ReasonPhrase, Shorten(body)) { RetryAfter = retryAfter };
        }
        using (problem)
        {
            var root = problem.RootElement;
            return new SmsVerifyProblemException(response.StatusCode, Text(root, "code"), Text(root, "title"), Text(root, "detail"))
            {
                Field = Text(root, "field"),
                Instance = Text(root, "instance"),
                Type = Text(root, "type"),
                // The header is the contract; the body's member says the same for clients that only read bodies.
                RetryAfter = retryAfter ?? (root.TryGetProperty("retryAfter", out var seconds) && seconds.TryGetInt64(out var s) ? TimeSpan.FromSeconds(s) : null),
                Extensions = root.EnumerateObject().Where(p => !Members.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.Clone()),
            };
        }
    }

    /// <summary><c>Retry-After</c> as seconds or as an HTTP date; a date already past means at once.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is "application/problem+json" or "application/json";

    private static bool TryParse(string body, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        document = null!;
        return false;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Shorten(string body) => body.Length == 0 ? null : body.Length > 500 ? body[..500] : body;
}
