using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Review;

/// <summary>The whole review of a person through HTTP: the qualification, its real-person check, and the decisions.</summary>
public sealed class RealPersonReviewTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task Personal_ApprovedOnlyAfterTheAuditorPassesTheSelfie()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Personal());
        var auditor = await app.AuditorAsync();

        await (await auditor.PostJsonAsync($"/v1/review/items/{qualificationId}/approve", new { }))
            .ProblemAsync(HttpStatusCode.Conflict, "real_person_verification_required");

        var checkId = (await tenant.RealPersonChecksAsync(qualificationId))[0].Str("id");
        var item = await (await auditor.GetAsync($"/v1/review/items/{checkId}")).OkAsync();
        Assert.Equal("real_person", item.Str("kind"));
        // The auditor compares the selfie with both sides of the ID card, all linked from the item.
        Assert.Equal(["selfie", "idCardFront", "idCardBack"], item.GetProperty("documents").EnumerateArray().Select(d => d.Str("field")));
        var selfie = await auditor.GetAsync(item.GetProperty("documents")[0].Str("href"));
        Assert.Equal(Submissions.Jpeg, await selfie.Content.ReadAsByteArrayAsync());

        var passed = await (await auditor.PostJsonAsync($"/v1/review/items/{checkId}/approve", new { note = "Face matches the ID photo." })).OkAsync();
        Assert.Equal("approved", passed.Str("status"));
        Assert.Equal("李雷", passed.GetProperty("submission").Str("verifiedName"));
        await (await auditor.PostJsonAsync($"/v1/review/items/{qualificationId}/approve", new { })).OkAsync();

        Assert.Equal("live", await app.ModeAsync(tenant.Id));
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=real_person:{checkId}")).OkAsync();
        Assert.Equal(["real_person.submitted", "real_person.approved"], trail.EnumerateArray().Select(r => r.Str("action")));
    }

    [Fact]
    public async Task Personal_NameOnTheIdDiffers_RejectsTheQualification_AndTheTenantResubmits()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Personal(realName: "李雷"));
        var auditor = await app.AuditorAsync();
        var checkId = (await tenant.RealPersonChecksAsync(qualificationId))[0].Str("id");
        await (await auditor.PostJsonAsync($"/v1/review/items/{checkId}/approve", new { verifiedName = new string('李', 101) }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");

        var check = await (await auditor.PostJsonAsync($"/v1/review/items/{checkId}/approve", new { verifiedName = "李蕾" })).OkAsync();

        Assert.Equal("rejected", check.Str("status"));
        var qualification = await (await tenant.Http.GetAsync($"/v1/qualifications/{qualificationId}")).OkAsync();
        Assert.Equal("rejected", qualification.Str("status"));
        var finding = qualification.GetProperty("findings").EnumerateArray().Single(f => f.Str("code") == "real_person_name_mismatch");
        Assert.Equal(("error", "realName"), (finding.Str("severity"), finding.Str("field")));
        Assert.Contains("李蕾", qualification.Str("decisionNote"));

        var again = await (await tenant.Http.PostAsync("/v1/qualifications", Submissions.Personal(realName: "李蕾"))).OkAsync(HttpStatusCode.Created);
        Assert.Equal(2, again.Int("version"));
        Assert.Equal(2, (await (await tenant.Http.GetAsync("/v1/qualifications")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task HighRiskEnterprise_NeedsTheLegalRepresentativesVideo()
    {
        var tenant = await app.CreateTenantAsync();
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Enterprise(licenceStatus: "abnormal"));
        var auditor = await app.AuditorAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{qualificationId}/approve", new { }))
            .ProblemAsync(HttpStatusCode.Conflict, "legal_rep_verification_required");

        var photo = Submissions.Form([], ("legalRepVideo", Submissions.Jpeg));
        await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", photo))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        var video = Submissions.Form([], ("legalRepVideo", Submissions.Mp4));
        var check = await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", video)).OkAsync(HttpStatusCode.Created);
        Assert.Equal(("legal_representative", "张三", "pending_review"), (check.Str("role"), check.Str("declaredName"), check.Str("status")));

        var queue = await (await auditor.GetAsync("/v1/review/items?kind=real_person")).OkAsync();
        Assert.Contains(check.Str("id"), queue.EnumerateArray().Select(i => i.Str("id")));
        await (await auditor.PostJsonAsync($"/v1/review/items/{check.Str("id")}/approve", new { })).OkAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{qualificationId}/approve", new { })).OkAsync();
        Assert.Equal("live", await app.ModeAsync(tenant.Id));
    }

    [Fact]
    public async Task FailedCheck_KeepsTheQualificationPending_AndANewCheckCanFollow()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Personal());
        var auditor = await app.AuditorAsync();
        var first = (await tenant.RealPersonChecksAsync(qualificationId))[0].Str("id");

        await (await auditor.PostJsonAsync($"/v1/review/items/{first}/reject", new { reason = "The selfie is blurred." })).OkAsync();
        Assert.Equal("pending_review", (await (await tenant.Http.GetAsync($"/v1/qualifications/{qualificationId}")).OkAsync()).Str("status"));
        await (await auditor.PostJsonAsync($"/v1/review/items/{qualificationId}/approve", new { }))
            .ProblemAsync(HttpStatusCode.Conflict, "real_person_verification_required");

        var second = await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person",
            Submissions.Form([], ("selfie", Submissions.Jpeg)))).OkAsync(HttpStatusCode.Created);
        var checks = await tenant.RealPersonChecksAsync(qualificationId);
        Assert.Equal(["rejected", "pending_review"], checks.EnumerateArray().Select(c => c.Str("status")));
        Assert.Equal("The selfie is blurred.", checks[0].Str("decisionNote"));
        Assert.Equal(second.Str("id"), checks[1].Str("id"));
    }

    [Fact]
    public async Task SandboxProvider_IsClosedUnlessTheOperatorOpensIt_AndOtherTenantsSeeNothing()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Personal(withSelfie: false));
        var form = Submissions.Form(new() { ["provider"] = "sandbox" }, ("selfie", Submissions.Jpeg));
        await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", form))
            .ProblemAsync(HttpStatusCode.Conflict, "real_person_provider_unavailable");
        var unknown = Submissions.Form(new() { ["provider"] = "face-cloud" }, ("selfie", Submissions.Jpeg));
        await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", unknown))
            .ProblemAsync(HttpStatusCode.Conflict, "real_person_provider_unavailable");

        var other = await app.CreateTenantAsync(kind: "personal", name: "Other");
        await (await other.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", Submissions.Form([], ("selfie", Submissions.Jpeg))))
            .ProblemAsync(HttpStatusCode.NotFound, "qualification_not_found");
        await (await other.Http.GetAsync($"/v1/qualifications/{qualificationId}/real-person")).ProblemAsync(HttpStatusCode.NotFound, "qualification_not_found");
    }
}
