using System.Net;
using System.Text.Json;

namespace SmsVerify.Server.Tests.Support;

/// <summary>A tenant created through the API, with a client that carries its key.</summary>
public sealed record TestTenant(Guid Id, string ApiKey, HttpClient Http)
{
    public async Task RegisterNumberAsync(string phone, string? fixedCode = null) =>
        await (await Http.PostJsonAsync("/v1/sandbox/numbers", new { phone, fixedCode })).OkAsync(HttpStatusCode.Created);

    public Task<HttpResponseMessage> StartAsync(string to) => Http.PostJsonAsync("/v1/verifications", new { to });

    /// <summary>Starts a verification that must succeed, and returns it.</summary>
    public async Task<JsonElement> StartOkAsync(string to) => await (await StartAsync(to)).OkAsync(HttpStatusCode.Created);

    public Task<HttpResponseMessage> CheckAsync(string id, string code) => Http.PostJsonAsync("/v1/verifications/check", new { id, code });

    public async Task<JsonElement> InboxAsync(string phone) =>
        await (await Http.GetAsync($"/v1/sandbox/numbers/{Uri.EscapeDataString(phone)}/messages")).OkAsync();

    /// <summary>The code in the newest message to a test number, as a test reading its phone would take it.</summary>
    public async Task<string> LatestCodeAsync(string phone) => (await InboxAsync(phone))[0].Str("code");
}

public static class TestTenants
{
    public static async Task<TestTenant> CreateTenantAsync(this ITestServer app, string kind = "enterprise", string name = "Acme")
    {
        var created = await (await app.Operator().PostJsonAsync("/v1/tenants", new { name, kind })).OkAsync(HttpStatusCode.Created);
        var key = created.Str("apiKey");
        return new TestTenant(created.GetProperty("id").GetGuid(), key, app.WithKey(key));
    }
}
