using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Signatures;

public sealed class SignatureChangesTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private static MultipartFormDataContent Form(string name, string source = "company", string? applicationId = null)
    {
        var fields = new Dictionary<string, string> { ["name"] = name, ["source"] = source, ["purpose"] = "general" };
        if (applicationId is not null)
        {
            fields["applicationId"] = applicationId;
        }
        return Submissions.Form(fields);
    }

    [Fact]
    public async Task Change_AnApprovedSignature_GoesBackToReview_AndStopsSending()
    {
        var sender = await app.CreateLiveSenderAsync();
        var signature = (await (await sender.Http.GetAsync("/v1/signatures")).OkAsync())[0];

        var changed = await (await sender.Http.PutAsync($"/v1/signatures/{signature.Str("id")}", Form("某某"))).OkAsync();

        Assert.Equal(("某某", 2, "pending_review"), (changed.Str("name"), changed.Int("version"), changed.Str("status")));
        Assert.Equal(signature.Str("id"), changed.Str("id"));
        await (await sender.StartAsync("+8613912345678")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "signature_not_found");
        var rejected = await (await sender.Http.PutAsync($"/v1/signatures/{signature.Str("id")}", Form("别的公司"))).OkAsync();
        Assert.Equal("rejected", rejected.Str("status"));
    }

    [Fact]
    public async Task Delete_RemovesTheSignature_AndOnlyTheTenantsOwn()
    {
        var sender = await app.CreateLiveSenderAsync();
        var other = await app.CreateTenantAsync();
        var id = (await (await sender.Http.GetAsync("/v1/signatures")).OkAsync())[0].Str("id");

        await (await other.Http.DeleteAsync($"/v1/signatures/{id}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await sender.Http.DeleteAsync($"/v1/signatures/{id}")).StatusCode);

        await (await sender.Http.GetAsync($"/v1/signatures/{id}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await sender.StartAsync("+8613912345678")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "signature_not_found");
    }

    [Fact]
    public async Task WebsiteSignature_IsTiedToTheApplicationItNames()
    {
        var tenant = await app.CreateTenantAsync();
        var auditor = await app.AuditorAsync();
        var qualification = await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        await (await auditor.PostJsonAsync($"/v1/review/items/{qualification}/approve", new { })).OkAsync();
        var website = await tenant.SubmitWebsiteAsync(); // 某某商城
        await (await auditor.PostJsonAsync($"/v1/review/items/{website.Str("id")}/approve", new { })).OkAsync();

        var matched = await (await tenant.Http.PostAsync("/v1/signatures", Form("某某商城", "website"))).OkAsync(HttpStatusCode.Created);
        var named = await (await tenant.Http.PostAsync("/v1/signatures", Form("某某商城", "website", website.Str("id")))).OkAsync(HttpStatusCode.Created);

        Assert.Equal(website.Str("id"), matched.Str("applicationId"));
        Assert.Equal(("pending_review", website.Str("id")), (named.Str("status"), named.Str("applicationId")));
    }

    [Fact]
    public async Task ApplicationId_OfAnotherTenantOrNotTheNamedOne_IsRefused()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var auditor = await app.AuditorAsync();
        foreach (var t in new[] { tenant, other })
        {
            var qualification = await t.SubmitQualificationAsync(Submissions.Enterprise());
            await (await auditor.PostJsonAsync($"/v1/review/items/{qualification}/approve", new { })).OkAsync();
        }
        var othersSite = await other.SubmitWebsiteAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{othersSite.Str("id")}/approve", new { })).OkAsync();
        var pendingSite = await tenant.SubmitWebsiteAsync();

        await (await tenant.Http.PostAsync("/v1/signatures", Form("某某商城", "website", othersSite.Str("id"))))
            .ProblemAsync(HttpStatusCode.NotFound, "application_not_found");
        var unproven = await (await tenant.Http.PostAsync("/v1/signatures", Form("某某商城", "website", pendingSite.Str("id")))).OkAsync(HttpStatusCode.Created);
        Assert.Equal("rejected", unproven.Str("status"));
        Assert.Contains(unproven.GetProperty("findings").EnumerateArray(), f => f.Str("code") == "application_not_found");
    }
}
