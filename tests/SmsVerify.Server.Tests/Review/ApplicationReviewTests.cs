using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Review;

public sealed class ApplicationReviewTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task Application_IsApprovedAfterItsQualification()
    {
        var tenant = await app.CreateTenantAsync();
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var application = await tenant.SubmitWebsiteAsync();
        var auditor = await app.AuditorAsync();

        var queue = await (await auditor.GetAsync("/v1/review/items?kind=application")).OkAsync();
        var item = queue.EnumerateArray().Single(i => i.Str("id") == application.Str("id"));
        Assert.Equal("shop.example.com", item.GetProperty("submission").Str("domain"));
        await (await auditor.PostJsonAsync($"/v1/review/items/{application.Str("id")}/approve", new { }))
            .ProblemAsync(HttpStatusCode.Conflict, "qualification_not_approved");

        await (await auditor.PostJsonAsync($"/v1/review/items/{qualificationId}/approve", new { })).OkAsync();
        var approved = await (await auditor.PostJsonAsync($"/v1/review/items/{application.Str("id")}/approve", new { note = "Filing found." })).OkAsync();

        Assert.Equal("approved", approved.Str("status"));
        var seen = await (await tenant.Http.GetAsync($"/v1/applications/{application.Str("id")}")).OkAsync();
        Assert.Equal(("approved", "Filing found."), (seen.Str("status"), seen.Str("decisionNote")));
    }

    [Fact]
    public async Task RejectedApplication_IsResubmittedAsItsNextVersion_Once()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var first = await tenant.SubmitWebsiteAsync();
        var auditor = await app.AuditorAsync();
        await (await tenant.Http.PostJsonAsync("/v1/applications", Resubmission(first.Str("id")))).ProblemAsync(HttpStatusCode.Conflict, "application_not_resubmittable");

        await (await auditor.PostJsonAsync($"/v1/review/items/{first.Str("id")}/reject", new { reason = "The site is not reachable." })).OkAsync();
        var second = await tenant.SubmitWebsiteAsync(replaces: first.Str("id"));

        Assert.Equal((2, first.Str("id"), "pending_review"), (second.Int("version"), second.Str("replaces"), second.Str("status")));
        await (await tenant.Http.PostJsonAsync("/v1/applications", Resubmission(first.Str("id")))).ProblemAsync(HttpStatusCode.Conflict, "application_not_resubmittable");
        var all = await (await tenant.Http.GetAsync("/v1/applications")).OkAsync();
        Assert.Equal(["rejected", "pending_review"], all.EnumerateArray().Select(a => a.Str("status")));
        Assert.Equal("The site is not reachable.", all[0].Str("decisionNote"));
    }

    private static object Resubmission(string replaces) => new
    {
        kind = "website",
        name = "某某商城",
        domain = "shop.example.com",
        icpNumber = "京ICP备12345678号",
        filingSubject = Submissions.Company,
        replaces,
    };

    [Fact]
    public async Task Applications_AreTheirTenantsOwn()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var application = await tenant.SubmitWebsiteAsync();
        var other = await app.CreateTenantAsync(name: "Other");

        await (await other.Http.GetAsync($"/v1/applications/{application.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "application_not_found");
        await (await other.Http.PostJsonAsync("/v1/applications", new
        {
            kind = "website",
            name = "x",
            domain = "x.example.com",
            icpNumber = "京ICP备12345678号",
            filingSubject = "x",
            replaces = application.Str("id"),
        })).ProblemAsync(HttpStatusCode.Conflict, "qualification_required");
    }

    [Fact]
    public async Task Queue_ListsEveryKindOldestFirst_AndRefusesUnknownKinds()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Personal());
        var auditor = await app.AuditorAsync();

        var all = await (await auditor.GetAsync("/v1/review/items?limit=200")).OkAsync();
        var mine = all.EnumerateArray().Where(i => i.Str("tenantId") == tenant.Id.ToString()).Select(i => i.Str("kind")).ToList();
        Assert.Equal(["qualification", "real_person"], mine);
        var times = all.EnumerateArray().Select(i => i.GetProperty("submittedAt").GetDateTime()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Contains(qualificationId, all.EnumerateArray().Select(i => i.Str("id")));
        await (await auditor.GetAsync("/v1/review/items?kind=bogus")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await auditor.GetAsync("/v1/review/items?limit=0")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }
}
