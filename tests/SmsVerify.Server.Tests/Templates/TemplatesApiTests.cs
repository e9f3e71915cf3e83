using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Templates;

public sealed class TemplatesApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Good = "您的登录验证码为${code}，5分钟内有效，请勿泄露给他人。";

    private static object Template(string content, string type = "verification") =>
        new { name = "登录验证", type, content, scenario = "用户登录时验证手机号" };

    [Fact]
    public async Task Precheck_ExplainsEveryFinding_AndSavesNothing()
    {
        var tenant = await app.CreateTenantAsync();
        var checkedTemplate = await (await tenant.Http.PostJsonAsync("/v1/templates/precheck",
            Template("【某某】您的验证码为${code}，领取红包请点击 http://evil.example.net"))).OkAsync();

        var codes = checkedTemplate.GetProperty("findings").EnumerateArray().Select(f => f.Str("code")).ToList();
        Assert.Contains("reserved_brackets", codes);
        Assert.Contains("link_not_allowed", codes);
        Assert.Contains("marketing_wording", codes);
        var bracket = checkedTemplate.GetProperty("findings").EnumerateArray().First(f => f.Str("code") == "reserved_brackets");
        Assert.Equal(0, bracket.GetProperty("span").Int("start"));
        Assert.Equal(0, (await (await tenant.Http.GetAsync("/v1/templates")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Create_GoodTemplate_WaitsForReview_ThenAnAuditorApprovesIt()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/templates", Template(Good))).OkAsync(HttpStatusCode.Created);

        Assert.StartsWith("SMS_", created.Str("code"));
        Assert.Equal(("pending_review", 0), (created.Str("status"), created.GetProperty("findings").GetArrayLength()));
        var variable = Assert.Single(created.GetProperty("variables").EnumerateArray());
        Assert.Equal(("code", "code"), (variable.Str("name"), variable.Str("type")));

        var auditor = await app.AuditorAsync();
        var item = (await (await auditor.GetAsync("/v1/review/items?kind=template")).OkAsync()).EnumerateArray()
            .Single(i => i.GetProperty("submission").Str("code") == created.Str("code"));
        await (await auditor.PostJsonAsync($"/v1/review/items/{item.Str("id")}/approve", new { })).OkAsync();
        Assert.Equal("approved", (await (await tenant.Http.GetAsync($"/v1/templates/{created.Str("code")}")).OkAsync()).Str("status"));
    }

    [Fact]
    public async Task Change_SendsTheTemplateBackToReview_AsItsNextVersion()
    {
        var tenant = await app.CreateTenantAsync();
        var code = (await (await tenant.Http.PostJsonAsync("/v1/templates", Template(Good))).OkAsync(HttpStatusCode.Created)).Str("code");
        var auditor = await app.AuditorAsync();
        var id = (await (await auditor.GetAsync("/v1/review/items?kind=template")).OkAsync()).EnumerateArray()
            .Single(i => i.GetProperty("submission").Str("code") == code).Str("id");
        await (await auditor.PostJsonAsync($"/v1/review/items/{id}/approve", new { })).OkAsync();

        var changed = await (await tenant.Http.PutJsonAsync($"/v1/templates/{code}", Template("您的注册验证码为${code}，10分钟内有效。"))).OkAsync();

        Assert.Equal((2, "pending_review"), (changed.Int("version"), changed.Str("status")));
        var bad = await (await tenant.Http.PutJsonAsync($"/v1/templates/{code}", Template("${code}"))).OkAsync();
        Assert.Equal("rejected", bad.Str("status"));
        Assert.Contains(bad.GetProperty("findings").EnumerateArray(), f => f.Str("code") == "only_variables");
    }

    [Fact]
    public async Task PersonalTenant_MayNotSubmitMarketing_AndBadInputIsA400()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var marketing = await (await tenant.Http.PostJsonAsync("/v1/templates", Template("新品上市，全场八折，拒收请回复R", "marketing")))
            .OkAsync(HttpStatusCode.Created);
        Assert.Equal("rejected", marketing.Str("status"));
        Assert.Contains(marketing.GetProperty("findings").EnumerateArray(), f => f.Str("code") == "personal_marketing_not_allowed");

        await (await tenant.Http.PostJsonAsync("/v1/templates", new { name = "x", type = "promo", content = Good, scenario = "x" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await tenant.Http.PostJsonAsync("/v1/templates", new { name = "x", type = "verification", content = Good }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }

    [Fact]
    public async Task Templates_AreTheirTenantsOwn()
    {
        var tenant = await app.CreateTenantAsync();
        var code = (await (await tenant.Http.PostJsonAsync("/v1/templates", Template(Good))).OkAsync(HttpStatusCode.Created)).Str("code");
        var other = await app.CreateTenantAsync(name: "Other");

        await (await other.Http.GetAsync($"/v1/templates/{code}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.Http.DeleteAsync($"/v1/templates/{code}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync($"/v1/templates/{code}")).StatusCode);
        await (await tenant.Http.GetAsync($"/v1/templates/{code}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
