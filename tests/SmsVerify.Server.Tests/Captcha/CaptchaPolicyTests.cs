using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Captcha;

public sealed class CaptchaPolicyTests : IAsyncLifetime
{
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(CaptchaTestApp.Settings);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<JsonElement> SetAsync(TestTenant tenant, string policy) =>
        await (await tenant.Http.PutJsonAsync("/v1/captcha/policy", new { policy })).OkAsync();

    [Fact]
    public async Task Policy_NeverSet_IsOff()
    {
        var tenant = await _app.CreateTenantAsync();

        var policy = await (await tenant.Http.GetAsync("/v1/captcha/policy")).OkAsync();

        Assert.Equal("off", policy.Str("policy"));
        Assert.Equal(JsonValueKind.Null, policy.GetProperty("updatedAt").ValueKind);
    }

    [Fact]
    public async Task Policy_Set_IsShownStoredAndAudited()
    {
        var tenant = await _app.CreateTenantAsync();

        var set = await SetAsync(tenant, "on-risk");
        await SetAsync(tenant, "always");

        Assert.Equal("on-risk", set.Str("policy"));
        Assert.Equal("always", (await (await tenant.Http.GetAsync("/v1/captcha/policy")).OkAsync()).Str("policy"));
        var audited = await _app.WithDbAsync(db => db.AuditRecords.Where(r => r.Action == "captcha.policy_set" && r.TenantId == tenant.Id)
            .OrderBy(r => r.Sequence).Select(r => r.Detail).ToListAsync());
        Assert.Equal(["on-risk", "always"], audited);
    }

    [Fact]
    public async Task Policy_FirstSetTwiceAtOnce_BothSucceed()
    {
        var tenant = await _app.CreateTenantAsync();

        var answers = await Task.WhenAll(SetAsync(tenant, "always"), SetAsync(tenant, "on-risk"));

        var final = (await (await tenant.Http.GetAsync("/v1/captcha/policy")).OkAsync()).Str("policy");
        Assert.Contains(final, answers.Select(a => a.Str("policy")));
    }

    [Fact]
    public async Task Policy_UnknownValue_IsInvalidArgument_AndChangesNothing()
    {
        var tenant = await _app.CreateTenantAsync();

        var problem = await (await tenant.Http.PutJsonAsync("/v1/captcha/policy", new { policy = "sometimes" })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");

        Assert.Equal("policy", problem.Str("field"));
        Assert.Equal("off", (await (await tenant.Http.GetAsync("/v1/captcha/policy")).OkAsync()).Str("policy"));
    }

    [Fact]
    public async Task Policy_WithoutTenantKey_IsRefused()
    {
        await (await _app.Anonymous().PutJsonAsync("/v1/captcha/policy", new { policy = "always" })).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await _app.Operator().GetAsync("/v1/captcha/policy")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("off", false, false)]
    [InlineData("off", true, false)]
    [InlineData("always", false, true)]
    [InlineData("always", true, true)]
    [InlineData("on-risk", false, false)]
    [InlineData("on-risk", true, true)]
    public async Task Gate_WithoutCaptcha_RequiresOneAsThePolicySays(string policy, bool riskRaised, bool required)
    {
        var tenant = await _app.CreateTenantAsync();
        await SetAsync(tenant, policy);

        var error = await _app.GateAsync(tenant.Id, null, riskRaised);
        var empty = await _app.GateAsync(tenant.Id, "", riskRaised);

        if (required)
        {
            CaptchaTestApp.AssertRequired(error);
            CaptchaTestApp.AssertRequired(empty);
        }
        else
        {
            Assert.Null(error);
            Assert.Null(empty);
        }
    }

    [Theory]
    [InlineData("off")]
    [InlineData("always")]
    [InlineData("on-risk")]
    public async Task Gate_WithCaptcha_ChecksItWhateverThePolicy(string policy)
    {
        var tenant = await _app.CreateTenantAsync();
        await SetAsync(tenant, policy);
        var payload = await tenant.SolvedAsync();

        Assert.Null(await _app.GateAsync(tenant.Id, payload, riskRaised: true));
        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, payload), "reused");
        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, "bm90IGpzb24="), "malformed");
    }

    [Fact]
    public async Task Gate_AfterPolicyChange_FollowsTheNewPolicyAtOnce()
    {
        var tenant = await _app.CreateTenantAsync();
        Assert.Null(await _app.GateAsync(tenant.Id, null)); // "off" is now cached on this node

        await SetAsync(tenant, "always");

        CaptchaTestApp.AssertRequired(await _app.GateAsync(tenant.Id, null));
    }
}
