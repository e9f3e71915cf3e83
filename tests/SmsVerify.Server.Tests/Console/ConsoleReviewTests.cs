using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>What an auditor reads on a resubmitted item: the earlier versions, what changed since the last rejection, and the item's trail.</summary>
public sealed class ConsoleReviewTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task AResubmission_ShowsItsEarlierVersion_AndWhatChangedSinceTheRejection()
    {
        var tenant = await app.CreateTenantAsync();
        var first = (await (await tenant.Http.PostAsync("/v1/qualifications", Submissions.Enterprise())).OkAsync(HttpStatusCode.Created)).Str("id");
        await (await app.Operator().PostJsonAsync($"/v1/review/items/{first}/reject", new { reason = "营业执照不清晰或不完整。" })).OkAsync();
        var second = (await (await tenant.Http.PostAsync("/v1/qualifications", Submissions.Enterprise(licence: LicenceImage.Png())))
            .OkAsync(HttpStatusCode.Created)).Str("id");
        var auditor = await app.SignedInAsync("auditor");

        var page = await (await auditor.GetAsync($"/console/review/{second}")).Content.ReadAsStringAsync();

        Assert.Contains("上次驳回后的改动", page);
        Assert.Contains("营业执照不清晰或不完整。", page);
        Assert.Contains("data-field=\"documents\"", page);
        Assert.DoesNotContain("data-field=\"subjectName\"", page);
        Assert.Contains($"href=\"/console/review/{first}\"", page);
        Assert.Contains("qualification.submitted", page);
    }

    [Fact]
    public async Task AFirstSubmission_HasNoEarlierVersions()
    {
        var tenant = await app.CreateTenantAsync();
        var id = (await (await tenant.Http.PostAsync("/v1/qualifications", Submissions.Enterprise())).OkAsync(HttpStatusCode.Created)).Str("id");
        var auditor = await app.SignedInAsync("auditor");

        var page = await (await auditor.GetAsync($"/console/review/{id}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("历史版本", page);
        Assert.DoesNotContain("上次驳回后的改动", page);
    }

    [Fact]
    public async Task ATemplatesFindings_AreMarkedWhereTheyStandInTheContent()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/templates",
            new { name = "新品通知", type = "marketing", content = "全场最低价，新品上市，拒收请回复R", scenario = "会员新品上市提醒" })).OkAsync(HttpStatusCode.Created);
        Assert.Equal("pending_review", created.Str("status"));
        var auditor = await app.SignedInAsync("auditor");
        var id = (await (await app.Operator().GetAsync("/v1/review/items?kind=template")).OkAsync()).EnumerateArray()
            .Single(i => i.GetProperty("submission").Str("code") == created.Str("code")).Str("id");

        var page = await (await auditor.GetAsync($"/console/review/{id}")).Content.ReadAsStringAsync();

        Assert.Contains("<span class=\"content\">全场<mark title=\"advertising_law_term: ", page);
        Assert.Contains(">最低价</mark>，新品上市，拒收请回复R</span>", page);
    }
}
