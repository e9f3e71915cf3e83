using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.SmppGateway;

public sealed class SmppAccountsApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task CreatedAccount_ShowsItsPasswordOnce_AndIsListedWithoutIt()
    {
        var tenant = await app.CreateTenantAsync();
        var systemId = "gw" + Guid.NewGuid().ToString("N")[..8];

        var created = await (await tenant.Http.PostJsonAsync("/v1/smpp/accounts", new { systemId, allowedAddresses = new[] { "203.0.113.0/24", "198.51.100.7" } }))
            .OkAsync(HttpStatusCode.Created);

        Assert.Equal(8, created.Str("password").Length);
        Assert.Equal(["203.0.113.0/24", "198.51.100.7/32"], created.GetProperty("allowedAddresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal((2, 64, 100), (created.GetProperty("maxBinds").GetInt32(), created.GetProperty("window").GetInt32(), created.GetProperty("messagesPerSecond").GetInt32()));
        var listed = Assert.Single((await (await tenant.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray());
        Assert.Equal(systemId, listed.Str("systemId"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed.GetProperty("password").ValueKind);
        var stored = await app.WithDbAsync(db => Task.FromResult(db.SmppAccounts.Single(a => a.SystemId == systemId).PasswordHash));
        Assert.DoesNotContain(created.Str("password"), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASystemIdTakenByAnotherTenant_IsRefused()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        var systemId = "gw" + Guid.NewGuid().ToString("N")[..8];
        await (await first.Http.PostJsonAsync("/v1/smpp/accounts", new { systemId })).OkAsync(HttpStatusCode.Created);

        var taken = await second.Http.PostJsonAsync("/v1/smpp/accounts", new { systemId });

        await taken.ProblemAsync(HttpStatusCode.Conflict, "smpp_system_id_taken");
    }

    [Theory]
    [InlineData("{\"systemId\":\"\"}", "systemId")]
    [InlineData("{\"systemId\":\"sixteen-chars-xx\"}", "systemId")]
    [InlineData("{\"systemId\":\"gw one\"}", "systemId")]
    [InlineData("{\"systemId\":\"gw1\",\"allowedAddresses\":[\"203.0.113.0/33\"]}", "allowedAddresses")]
    [InlineData("{\"systemId\":\"gw1\",\"allowedAddresses\":[\"example.cn\"]}", "allowedAddresses")]
    [InlineData("{\"systemId\":\"gw1\",\"window\":0}", "window")]
    [InlineData("{\"systemId\":\"gw1\",\"maxBinds\":17}", "maxBinds")]
    [InlineData("{\"systemId\":\"gw1\",\"messagesPerSecond\":0}", "messagesPerSecond")]
    public async Task BadInput_IsRefused_NamingTheField(string body, string field)
    {
        var tenant = await app.CreateTenantAsync();

        var refused = await tenant.Http.PostAsync("/v1/smpp/accounts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await refused.ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task AnotherTenantsAccount_IsNotFound_ForEveryOperation()
    {
        var owner = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var id = (await (await owner.Http.PostJsonAsync("/v1/smpp/accounts", new { systemId = "gw" + Guid.NewGuid().ToString("N")[..8] }))
            .OkAsync(HttpStatusCode.Created)).Str("id");

        await (await other.Http.GetAsync($"/v1/smpp/accounts/{id}")).ProblemAsync(HttpStatusCode.NotFound, "smpp_account_not_found");
        await (await other.Http.PutJsonAsync($"/v1/smpp/accounts/{id}", new { window = 5 })).ProblemAsync(HttpStatusCode.NotFound, "smpp_account_not_found");
        await (await other.Http.PostJsonAsync($"/v1/smpp/accounts/{id}/password", new { })).ProblemAsync(HttpStatusCode.NotFound, "smpp_account_not_found");
        await (await other.Http.DeleteAsync($"/v1/smpp/accounts/{id}")).ProblemAsync(HttpStatusCode.NotFound, "smpp_account_not_found");
        Assert.Equal(64, (await (await owner.Http.GetAsync($"/v1/smpp/accounts/{id}")).OkAsync()).GetProperty("window").GetInt32());
    }

    [Fact]
    public async Task Change_KeepsWhatIsLeftOut_AndPasswordReset_MakesANewOne()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/smpp/accounts", new { systemId = "gw" + Guid.NewGuid().ToString("N")[..8], window = 10 }))
            .OkAsync(HttpStatusCode.Created);
        var id = created.Str("id");

        var changed = await (await tenant.Http.PutJsonAsync($"/v1/smpp/accounts/{id}", new { messagesPerSecond = 5, receivesReplies = false })).OkAsync();
        var reset = await (await tenant.Http.PostJsonAsync($"/v1/smpp/accounts/{id}/password", new { })).OkAsync();
        var renamed = await tenant.Http.PutJsonAsync($"/v1/smpp/accounts/{id}", new { systemId = "other" });

        Assert.Equal((10, 5, false), (changed.GetProperty("window").GetInt32(), changed.GetProperty("messagesPerSecond").GetInt32(), changed.GetProperty("receivesReplies").GetBoolean()));
        Assert.NotEqual(created.Str("password"), reset.Str("password"));
        Assert.Equal("systemId", (await renamed.ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument")).Str("field"));
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync($"/v1/smpp/accounts/{id}")).StatusCode);
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray());
    }
}
