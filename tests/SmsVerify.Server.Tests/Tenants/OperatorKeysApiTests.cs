using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Tenants;

public sealed class OperatorKeysApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task CreateKey_AuditorKeyWorksButCannotAdminister()
    {
        var created = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role = "auditor" })).OkAsync(HttpStatusCode.Created);
        Assert.Equal("auditor", created.Str("role"));
        Assert.StartsWith("svo_", created.Str("apiKey"));
        var auditor = app.WithKey(created.Str("apiKey"));

        await (await auditor.PostJsonAsync("/v1/tenants", new { name = "Acme", kind = "enterprise" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await auditor.PostJsonAsync("/v1/operators/keys", new { role = "admin" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        // Still a valid key: an unknown key would be 401, not 403.
        await (await auditor.GetAsync("/v1/api-keys")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("root")]
    [InlineData("Admin")]
    [InlineData(null)]
    public async Task CreateKey_UnknownRole_Is400(string? role)
    {
        var problem = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("role", problem.Str("field"));
    }

    [Fact]
    public async Task CreateKey_WithTenantKey_Is403()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PostJsonAsync("/v1/operators/keys", new { role = "admin" })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ListAndDelete_ShowNoSecretsAndDeletedKeyStopsWorking()
    {
        var created = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role = "risk" })).OkAsync(HttpStatusCode.Created);
        var list = await (await app.Operator().GetAsync("/v1/operators/keys")).OkAsync();
        var listed = Assert.Single(list.EnumerateArray(), k => k.Str("id") == created.Str("id"));
        Assert.Equal("risk", listed.Str("role"));
        Assert.False(listed.TryGetProperty("apiKey", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await app.Operator().DeleteAsync($"/v1/operators/keys/{created.Str("id")}")).StatusCode);
        await (await app.WithKey(created.Str("apiKey")).GetAsync("/v1/operators/keys")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await app.Operator().DeleteAsync($"/v1/operators/keys/{created.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
    }

    [Fact]
    public async Task DeleteKey_TenantKeyId_Is404()
    {
        var tenant = await app.CreateTenantAsync();
        var tenantKey = (await (await tenant.Http.GetAsync("/v1/api-keys")).OkAsync())[0];
        await (await app.Operator().DeleteAsync($"/v1/operators/keys/{tenantKey.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        Assert.Equal(HttpStatusCode.OK, (await tenant.Http.GetAsync("/v1/api-keys")).StatusCode);
    }
}
