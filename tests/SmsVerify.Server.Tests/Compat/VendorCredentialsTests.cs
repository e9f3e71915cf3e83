using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat;

/// <summary><c>/v1/api-credentials</c>: vendor-style credential pairs, shown once, kept sealed, revocable, audited.</summary>
public sealed class VendorCredentialsTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Theory]
    [InlineData("alibaba", "^LTAI[A-Za-z0-9]{20}$", "^[A-Za-z0-9]{30}$", null)]
    [InlineData("tencent", "^AKID[A-Za-z0-9]{32}$", "^[A-Za-z0-9]{32}$", "^1400[0-9]{6}$")]
    [InlineData("twilio", "^AC[0-9a-f]{32}$", "^[0-9a-f]{32}$", null)]
    public async Task Created_InTheVendorsShape_SecretShownOnce_AndKeptSealed(string vendor, string keyId, string secret, string? appId)
    {
        var tenant = await app.CreateTenantAsync();

        var created = await (await tenant.Http.PostJsonAsync("/v1/api-credentials", new { vendor })).OkAsync(HttpStatusCode.Created);

        Assert.Matches(keyId, created.Str("keyId"));
        Assert.Matches(secret, created.Str("secret"));
        if (appId is not null)
        {
            Assert.Matches(appId, created.Str("appId"));
        }
        var listed = Assert.Single((await (await tenant.Http.GetAsync("/v1/api-credentials")).OkAsync()).EnumerateArray());
        Assert.Equal((created.Str("keyId"), vendor), (listed.Str("keyId"), listed.Str("vendor")));
        Assert.False(listed.TryGetProperty("secret", out _));
        var row = await app.WithDbAsync(db => db.VendorCredentials.AsNoTracking().SingleAsync(c => c.KeyId == created.Str("keyId")));
        Assert.DoesNotContain(created.Str("secret"), Encoding.Latin1.GetString(row.SecretSeal), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditRecords.AnyAsync(r => r.Action == "api_credential.created" && r.TenantId == tenant.Id)));
        // What a vendor door sees: the tenant and the secret to check signatures with.
        var found = await Credentials.FindAsync(row.Vendor, row.KeyId, default);
        Assert.Equal((tenant.Id, created.Str("secret")), (found!.TenantId, found.Secret));
    }

    [Fact]
    public async Task Revoked_IsRefusedAtOnce_AndOnlyItsTenantMayRevokeIt()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "alibaba" })).OkAsync(HttpStatusCode.Created);
        Assert.NotNull(await Credentials.FindAsync(Vendor.Alibaba, created.Str("keyId"), default)); // now cached

        await (await other.Http.DeleteAsync($"/v1/api-credentials/{created.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "api_credential_not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync($"/v1/api-credentials/{created.Str("id")}")).StatusCode);

        Assert.Null(await Credentials.FindAsync(Vendor.Alibaba, created.Str("keyId"), default));
        var listed = Assert.Single((await (await tenant.Http.GetAsync("/v1/api-credentials")).OkAsync()).EnumerateArray());
        Assert.NotNull(listed.Str("revokedAt"));
        Assert.Empty((await (await other.Http.GetAsync("/v1/api-credentials")).OkAsync()).EnumerateArray());
        await (await tenant.Http.DeleteAsync($"/v1/api-credentials/{created.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "api_credential_not_found");
    }

    [Fact]
    public async Task UnknownVendor_IsInvalid_AndAnotherVendorsIdFindsNothing()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "aws" })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        var created = await (await tenant.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "twilio" })).OkAsync(HttpStatusCode.Created);

        Assert.Null(await Credentials.FindAsync(Vendor.Alibaba, created.Str("keyId"), default));
        Assert.Null(await Credentials.FindAsync(Vendor.Twilio, new string('A', 500), default));
    }

    [Fact]
    public async Task NoncesAreSingleUse_AndFailedChecksAreCounted()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "tencent" })).OkAsync(HttpStatusCode.Created);
        var caller = (await Credentials.FindAsync(Vendor.Tencent, created.Str("keyId"), default))!;

        Assert.True(await Credentials.SpendNonceAsync(caller, "n-1", TimeSpan.FromMinutes(5), default));
        Assert.False(await Credentials.SpendNonceAsync(caller, "n-1", TimeSpan.FromMinutes(5), default));
        Assert.False(await Credentials.SpendNonceAsync(caller, "", TimeSpan.FromMinutes(5), default));
        await Credentials.RecordFailureAsync(caller, default);
        await Credentials.RecordFailureAsync(caller, default);

        var listed = Assert.Single((await (await tenant.Http.GetAsync("/v1/api-credentials")).OkAsync()).EnumerateArray());
        Assert.Equal(2, listed.GetProperty("failedAttempts").GetInt64());
    }

    private VendorCredentials Credentials => app.Services.GetRequiredService<VendorCredentials>();
}
