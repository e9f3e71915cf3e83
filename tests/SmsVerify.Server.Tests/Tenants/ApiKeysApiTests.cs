using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Tenants;

public sealed class ApiKeysApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task CreateKey_NewKeyWorksAndListShowsOnlyPrefixes()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostAsync("/v1/api-keys", null)).OkAsync(HttpStatusCode.Created);
        var second = app.WithKey(created.Str("apiKey"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/v1/sandbox/numbers")).StatusCode);

        var list = await (await second.GetAsync("/v1/api-keys")).OkAsync();
        Assert.Equal(2, list.GetArrayLength());
        foreach (var key in list.EnumerateArray())
        {
            Assert.False(key.TryGetProperty("apiKey", out _));
            Assert.True(key.Str("prefix").Length <= 12);
        }
    }

    [Fact]
    public async Task DeleteKey_DeletedKeyIsRefusedAtOnce()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostAsync("/v1/api-keys", null)).OkAsync(HttpStatusCode.Created);
        var doomed = app.WithKey(created.Str("apiKey"));
        Assert.Equal(HttpStatusCode.OK, (await doomed.GetAsync("/v1/api-keys")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync($"/v1/api-keys/{created.Str("id")}")).StatusCode);

        await (await doomed.GetAsync("/v1/api-keys")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task DeleteKey_LastKey_Is409()
    {
        var tenant = await app.CreateTenantAsync();
        var only = (await (await tenant.Http.GetAsync("/v1/api-keys")).OkAsync())[0];
        await (await tenant.Http.DeleteAsync($"/v1/api-keys/{only.Str("id")}")).ProblemAsync(HttpStatusCode.Conflict, "last_api_key");
        Assert.Equal(HttpStatusCode.OK, (await tenant.Http.GetAsync("/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task DeleteKey_OfAnotherTenant_Is404AndKeyKeepsWorking()
    {
        var alice = await app.CreateTenantAsync(name: "Alice");
        var bob = await app.CreateTenantAsync(name: "Bob");
        await (await bob.Http.PostAsync("/v1/api-keys", null)).OkAsync(HttpStatusCode.Created);
        var aliceKey = (await (await alice.Http.GetAsync("/v1/api-keys")).OkAsync())[0];

        await (await bob.Http.DeleteAsync($"/v1/api-keys/{aliceKey.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "api_key_not_found");
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync("/v1/api-keys")).StatusCode);
        Assert.Equal(2, (await (await bob.Http.GetAsync("/v1/api-keys")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task OperatorKey_OnTenantEndpoint_Is403()
    {
        await (await app.Operator().GetAsync("/v1/api-keys")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
