using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Review;

/// <summary>A test server where the operator opened the sandbox provider: results come at once, for sandbox tenants only.</summary>
public sealed class SandboxRealPersonTests : IAsyncLifetime
{
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(new() { ["RealPerson:AllowSandbox"] = "true" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static MultipartFormDataContent Sandbox(string? verifiedName = null, string? outcome = null)
    {
        Dictionary<string, string> fields = new() { ["provider"] = "sandbox" };
        if (verifiedName is not null)
        {
            fields["sandboxVerifiedName"] = verifiedName;
        }
        if (outcome is not null)
        {
            fields["sandboxOutcome"] = outcome;
        }
        return Submissions.Form(fields, ("selfie", Submissions.Jpeg));
    }

    [Fact]
    public async Task Pass_IsImmediate_ThenTheQualificationCanBeApproved_AndTheSandboxClosesForTheLiveTenant()
    {
        var tenant = await _app.CreateTenantAsync(kind: "personal");
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Personal(withSelfie: false));

        var check = await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", Sandbox())).OkAsync(HttpStatusCode.Created);

        Assert.Equal(("sandbox", "approved", "李雷"), (check.Str("provider"), check.Str("status"), check.Str("verifiedName")));
        var auditor = await _app.AuditorAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{check.Str("id")}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict, "review_item_not_pending");
        await (await auditor.PostJsonAsync($"/v1/review/items/{qualificationId}/approve", new { })).OkAsync();
        Assert.Equal("live", await _app.ModeAsync(tenant.Id));
    }

    [Fact]
    public async Task AnotherName_RejectsTheQualificationAtOnce()
    {
        var tenant = await _app.CreateTenantAsync(kind: "personal");
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Personal(withSelfie: false));

        var check = await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", Sandbox(verifiedName: "韩梅梅")))
            .OkAsync(HttpStatusCode.Created);

        Assert.Equal("rejected", check.Str("status"));
        var qualification = await (await tenant.Http.GetAsync($"/v1/qualifications/{qualificationId}")).OkAsync();
        Assert.Equal("rejected", qualification.Str("status"));
        Assert.Contains(qualification.GetProperty("findings").EnumerateArray(), f => f.Str("code") == "real_person_name_mismatch");
        var trail = await (await _app.Operator().GetAsync($"/v1/audit?target=qualification:{qualificationId}")).OkAsync();
        var rejection = trail.EnumerateArray().Last();
        Assert.Equal(("qualification.rejected", "system:real_person"), (rejection.Str("action"), rejection.Str("actor")));
        await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", Sandbox()))
            .ProblemAsync(HttpStatusCode.Conflict, "qualification_not_pending");
    }

    [Fact]
    public async Task Fail_LeavesTheQualificationPending()
    {
        var tenant = await _app.CreateTenantAsync(kind: "personal");
        var qualificationId = await tenant.SubmitQualificationAsync(Submissions.Personal(withSelfie: false));

        var check = await (await tenant.Http.PostAsync($"/v1/qualifications/{qualificationId}/real-person", Sandbox(outcome: "fail")))
            .OkAsync(HttpStatusCode.Created);

        Assert.Equal("rejected", check.Str("status"));
        Assert.Equal("pending_review", (await (await tenant.Http.GetAsync($"/v1/qualifications/{qualificationId}")).OkAsync()).Str("status"));
    }
}
