using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests;

/// <summary>The README's quickstart, step by step, as a newcomer runs it with curl.</summary>
public sealed class QuickstartTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task Quickstart_FromTenantToApprovedCode_Works()
    {
        var created = await (await app.Operator().PostJsonAsync("/v1/tenants", new { name = "Acme Ltd", kind = "enterprise" }))
            .OkAsync(HttpStatusCode.Created);
        Assert.Equal("sandbox", created.Str("mode"));
        Assert.StartsWith("sv_", created.Str("apiKey"));
        var tenant = app.WithKey(created.Str("apiKey"));

        var number = await (await tenant.PostJsonAsync("/v1/sandbox/numbers", new { phone = "13812345678" })).OkAsync(HttpStatusCode.Created);
        Assert.Equal("+8613812345678", number.Str("phone"));

        var verification = await (await tenant.PostJsonAsync("/v1/verifications", new { to = "+8613812345678" })).OkAsync(HttpStatusCode.Created);
        Assert.Equal("pending", verification.Str("status"));
        Assert.Equal("+8613812345678", verification.Str("to"));
        Assert.Equal(1, verification.Int("sendCount"));
        Assert.Equal(5, verification.Int("checkAttemptsLeft"));

        var inbox = await (await tenant.GetAsync("/v1/sandbox/numbers/+8613812345678/messages")).OkAsync();
        var message = Assert.Single(inbox.EnumerateArray());
        var code = message.Str("code");
        Assert.Matches("^[0-9]{6}$", code);
        Assert.StartsWith("【SmsVerify】", message.Str("text"));
        Assert.Contains(code, message.Str("text"));

        var approved = await (await tenant.PostJsonAsync("/v1/verifications/check", new { to = "13812345678", code })).OkAsync();
        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal(verification.Str("id"), approved.Str("id"));

        var read = await (await tenant.GetAsync($"/v1/verifications/{verification.Str("id")}")).OkAsync();
        Assert.Equal("approved", read.Str("status"));
    }

    [Fact]
    public async Task Server_HealthAndReadiness_AreUp()
    {
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Server_ServesOpenApiAndReference()
    {
        var client = app.Anonymous();
        var openApi = await (await client.GetAsync("/openapi/v1.json")).OkAsync();
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/v1/verifications/check", out _));
        var reference = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("openapi/v1.json", await reference.Content.ReadAsStringAsync());
    }
}
