using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SmsVerify.Bench;

/// <summary>
/// The few SmsVerify endpoints the bench uses. Hot-path calls return an error description instead of
/// throwing, so failures are counted rather than aborting a phase.
/// </summary>
internal sealed class Api(HttpClient http)
{
    private static readonly Uri Healthz = new("/healthz", UriKind.Relative);
    private static readonly Uri Tenants = new("/v1/tenants", UriKind.Relative);
    private static readonly Uri SandboxNumbers = new("/v1/sandbox/numbers", UriKind.Relative);
    private static readonly Uri Verifications = new("/v1/verifications", UriKind.Relative);
    private static readonly Uri VerificationsCheck = new("/v1/verifications/check", UriKind.Relative);

    public static byte[] CreateBody(string phone) => JsonSerializer.SerializeToUtf8Bytes(new { to = phone });

    public static byte[] CheckBody(string id, string code) => JsonSerializer.SerializeToUtf8Bytes(new { id, code });

    public async Task<string?> HealthAsync()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, Healthz, bearer: null, content: null);
        return status == HttpStatusCode.OK ? null : Describe(status, body);
    }

    /// <summary>Creates a tenant and returns its API key; throws, as setup cannot continue without it.</summary>
    public async Task<string> CreateTenantAsync(string operatorKey, string name)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(new { name, kind = "enterprise" });
        var (status, body) = await SendAsync(HttpMethod.Post, Tenants, operatorKey, content);
        if (status != HttpStatusCode.Created || ReadString(body, "apiKey") is not { } apiKey)
        {
            throw new BenchException($"POST /v1/tenants: expected 201 with apiKey, got {Describe(status, body)}");
        }

        return apiKey;
    }

    public async Task<string?> RegisterSandboxNumberAsync(string tenantKey, string phone, string fixedCode)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(new { phone, fixedCode });
        var (status, body) = await SendAsync(HttpMethod.Post, SandboxNumbers, tenantKey, content);
        return status == HttpStatusCode.Created ? null : $"POST /v1/sandbox/numbers {phone}: {Describe(status, body)}";
    }

    public async Task<(string? Id, string? Error)> CreateVerificationAsync(string tenantKey, byte[] content)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, Verifications, tenantKey, content);
        if (status != HttpStatusCode.Created)
        {
            return (null, $"POST /v1/verifications: {Describe(status, body)}");
        }

        string? id = ReadString(body, "id");
        string? state = ReadString(body, "status");
        return id is not null && state == "pending"
            ? (id, null)
            : (null, $"POST /v1/verifications: expected id and status pending, got {Describe(status, body)}");
    }

    public async Task<string?> CheckAsync(string tenantKey, byte[] content)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, VerificationsCheck, tenantKey, content);
        return status == HttpStatusCode.OK && ReadString(body, "status") == "approved"
            ? null
            : $"POST /v1/verifications/check: expected 200 approved, got {Describe(status, body)}";
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, Uri path, string? bearer, byte[]? content)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (content is not null)
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? ReadString(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(HttpStatusCode status, string body) =>
        $"HTTP {(int)status} {(body.Length > 300 ? body[..300] + "..." : body)}".TrimEnd();
}
