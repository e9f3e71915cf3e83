using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Tenants;

public sealed class TenantsApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task CreateTenant_WithoutKey_Is401WithBearerChallenge()
    {
        var response = await app.Anonymous().PostJsonAsync("/v1/tenants", new { name = "Acme", kind = "enterprise" });
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task CreateTenant_WithUnknownKey_Is401()
    {
        var response = await app.WithKey("sv_not-a-real-key").PostJsonAsync("/v1/tenants", new { name = "Acme", kind = "enterprise" });
        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task CreateTenant_WithTenantKey_Is403()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.Http.PostJsonAsync("/v1/tenants", new { name = "Other", kind = "personal" });
        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData(null, "enterprise", "name")]
    [InlineData("  ", "enterprise", "name")]
    [InlineData("Acme", "company", "kind")]
    [InlineData("Acme", null, "kind")]
    [InlineData("Acme", "1", "kind")]
    [InlineData("Acme", "personal,enterprise", "kind")]
    public async Task CreateTenant_WithBadField_Is400NamingTheField(string? name, string? kind, string field)
    {
        var response = await app.Operator().PostJsonAsync("/v1/tenants", new { name, kind });
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task CreateTenant_NameTooLong_Is400AndStoresNothing()
    {
        var before = await app.WithDbAsync(db => db.Tenants.CountAsync());
        var response = await app.Operator().PostJsonAsync("/v1/tenants", new { name = new string('x', 101), kind = "personal" });
        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(before, await app.WithDbAsync(db => db.Tenants.CountAsync()));
    }

    [Fact]
    public async Task CreateTenant_StartsInSandboxWithKeyStoredOnlyAsHash()
    {
        var created = await (await app.Operator().PostJsonAsync("/v1/tenants", new { name = "Li Lei", kind = "personal" })).OkAsync(HttpStatusCode.Created);
        Assert.Equal("personal", created.Str("kind"));
        Assert.Equal("sandbox", created.Str("mode"));
        var key = created.Str("apiKey");
        var stored = await app.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.TenantId == created.GetProperty("id").GetGuid()));
        Assert.Equal(32, stored.Hash.Length);
        Assert.DoesNotContain(key, System.Text.Encoding.UTF8.GetString(stored.Hash));
        Assert.True(key.Length > 40, "a key carries 256 bits of entropy");

        var read = await (await app.Operator().GetAsync($"/v1/tenants/{created.Str("id")}")).OkAsync();
        Assert.Equal("Li Lei", read.Str("name"));
        Assert.False(read.TryGetProperty("apiKey", out _));
    }

    [Fact]
    public async Task GetTenant_Unknown_Is404()
    {
        var response = await app.Operator().GetAsync($"/v1/tenants/{Guid.NewGuid()}");
        await response.ProblemAsync(HttpStatusCode.NotFound, "tenant_not_found");
    }
}
