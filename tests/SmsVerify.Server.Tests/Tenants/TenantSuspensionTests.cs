using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Tenants;

/// <summary>Admins list tenants and suspend them: a suspended tenant reads but sends nothing, through every door, until resumed.</summary>
public sealed class TenantSuspensionTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string TestNumber = "+8613800000042";

    [Fact]
    public async Task List_FindsTenantsByAPartOfTheName_AnyCase_NewestFirst()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var older = await app.CreateTenantAsync(name: $"Older {tag} Trading");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await app.CreateTenantAsync(name: $"Newer {tag.ToUpperInvariant()} Shop");

        var found = await (await app.Operator().GetAsync($"/v1/tenants?name={tag.ToUpperInvariant()}&limit=10")).OkAsync();

        Assert.Equal([newer.Id, older.Id], found.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        var first = found[0];
        Assert.Equal(("sandbox", "enterprise"), (first.Str("mode"), first.Str("kind")));
        Assert.Equal(0m, first.GetProperty("balance").GetDecimal());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("suspendedAt").ValueKind);
        Assert.Single((await (await app.Operator().GetAsync($"/v1/tenants?name={tag}&limit=1")).OkAsync()).EnumerateArray());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    public async Task List_OutOfBounds_Is400NamingTheField(string query, string field)
    {
        var problem = await (await app.Operator().GetAsync($"/v1/tenants?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task List_LongName_Is400()
    {
        var problem = await (await app.Operator().GetAsync($"/v1/tenants?name={new string('x', 101)}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("name", problem.Str("field"));
    }

    [Fact]
    public async Task ListAndSuspend_AreForAdmins()
    {
        var tenant = await app.CreateTenantAsync();

        await (await tenant.Http.GetAsync("/v1/tenants")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await tenant.Http.PostAsync($"/v1/tenants/{tenant.Id}/resume", null)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await tenant.Http.PostAsync($"/v1/tenants/{tenant.Id}/suspend", null)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await app.Operator().PostAsync($"/v1/tenants/{Guid.NewGuid()}/suspend", null)).ProblemAsync(HttpStatusCode.NotFound, "tenant_not_found");
    }

    [Fact]
    public async Task Suspended_VerificationIsRefused_ReadsStillWork_AndResumeLetsItSendAgain()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(TestNumber);

        var suspended = await (await app.Operator().PostAsync($"/v1/tenants/{tenant.Id}/suspend", null)).OkAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, suspended.GetProperty("suspendedAt").ValueKind);

        var refused = await (await tenant.StartAsync(TestNumber)).ProblemAsync(HttpStatusCode.Forbidden, "tenant_suspended");
        Assert.Contains("suspended", refused.Str("detail"));
        await (await tenant.Http.PostJsonAsync("/v1/messages", new { to = new[] { TestNumber }, signature = "SmsVerify", template = "SMS_SANDBOX_VERIFY", @params = new { code = "1234" } }))
            .ProblemAsync(HttpStatusCode.Forbidden, "tenant_suspended");
        Assert.Equal(0, (await tenant.InboxAsync(TestNumber)).GetArrayLength());
        await (await tenant.Http.GetAsync("/v1/balance")).OkAsync();

        var resumed = await (await app.Operator().PostAsync($"/v1/tenants/{tenant.Id}/resume", null)).OkAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, resumed.GetProperty("suspendedAt").ValueKind);
        await tenant.StartOkAsync(TestNumber);

        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=tenant:{tenant.Id}")).OkAsync();
        var actions = trail.EnumerateArray().Select(r => r.Str("action")).ToList();
        Assert.Equal(["tenant.created", "tenant.suspended", "tenant.resumed"], actions);
    }

    [Fact]
    public async Task SuspendingTwice_AuditsOnce()
    {
        var tenant = await app.CreateTenantAsync();

        await (await app.Operator().PostAsync($"/v1/tenants/{tenant.Id}/suspend", null)).OkAsync();
        await (await app.Operator().PostAsync($"/v1/tenants/{tenant.Id}/suspend", null)).OkAsync();
        await (await app.Operator().PostAsync($"/v1/tenants/{tenant.Id}/resume", null)).OkAsync();
        await (await app.Operator().PostAsync($"/v1/tenants/{tenant.Id}/resume", null)).OkAsync();

        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=tenant:{tenant.Id}")).OkAsync();
        Assert.Equal(3, trail.GetArrayLength());
    }

    [Fact]
    public async Task Suspended_TwilioDoor_RefusesAsDeliveryBlocked()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(TestNumber);
        var credential = await (await tenant.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "twilio" })).OkAsync(HttpStatusCode.Created);
        var twilio = app.Anonymous();
        twilio.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Str("keyId")}:{credential.Str("secret")}")));
        var service = await (await twilio.PostAsync("/v2/Services", new FormUrlEncodedContent(new Dictionary<string, string> { ["FriendlyName"] = "Acme" })))
            .OkAsync(HttpStatusCode.Created);
        await (await app.Operator().PostAsync($"/v1/tenants/{tenant.Id}/suspend", null)).OkAsync();

        var answer = await twilio.PostAsync($"/v2/Services/{service.Str("sid")}/Verifications",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = TestNumber, ["Channel"] = "sms" }));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal(60410, (await answer.JsonAsync()).Int("code"));
    }
}
