using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

public sealed class RiskApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private async Task<HttpClient> OperatorWithRoleAsync(string role)
    {
        var key = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role })).OkAsync(HttpStatusCode.Created);
        return app.WithKey(key.Str("apiKey"));
    }

    [Fact]
    public async Task Score_RiskOfficer_GetsAVerdictWithReasons()
    {
        var risk = await OperatorWithRoleAsync("risk");

        var legitimate = await (await risk.PostJsonAsync("/v1/risk/score", new { text = "【某某】您正在登录网上营业厅，短信验证码为5521，10分钟内有效。" })).OkAsync();
        var banned = await (await risk.PostJsonAsync("/v1/risk/score", new { text = "专业博彩平台，注册即送彩金，详询 www.example.top" })).OkAsync();

        Assert.Equal("legitimate", legitimate.Str("label"));
        Assert.InRange(legitimate.GetProperty("score").GetDouble(), 0.5, 1.0);
        Assert.Equal(0, legitimate.GetProperty("reasons").GetArrayLength());
        Assert.Equal("spam", banned.Str("label"));
        var codes = banned.GetProperty("reasons").EnumerateArray().Select(r => r.Str("code")).ToList();
        Assert.Contains("banned_industry", codes);
        Assert.Contains("link", codes);
        var reason = banned.GetProperty("reasons").EnumerateArray().First(r => r.Str("code") == "banned_industry");
        Assert.False(string.IsNullOrEmpty(reason.Str("message")));
        Assert.Equal(2, reason.GetProperty("span").Int("start"));
    }

    [Fact]
    public async Task Score_TenantKeyAndAuditor_AreForbidden()
    {
        var tenant = await app.CreateTenantAsync();
        var auditor = await app.AuditorAsync();
        var body = new { text = "您的验证码为1234。" };

        await (await tenant.Http.PostJsonAsync("/v1/risk/score", body)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await auditor.PostJsonAsync("/v1/risk/score", body)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await app.Anonymous().PostJsonAsync("/v1/risk/score", body)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Score_EmptyText_IsA400NamingTheField(string? text)
    {
        var risk = await OperatorWithRoleAsync("risk");
        var problem = await (await risk.PostJsonAsync("/v1/risk/score", new { text })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("text", problem.Str("field"));
    }

    [Fact]
    public async Task Score_TextOverTheLimit_IsA400_AndTheLimitItselfIsScored()
    {
        var risk = await OperatorWithRoleAsync("risk");

        await (await risk.PostJsonAsync("/v1/risk/score", new { text = new string('好', 1001) })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await risk.PostJsonAsync("/v1/risk/score", new { text = new string('好', 1000) })).OkAsync();
    }
}
