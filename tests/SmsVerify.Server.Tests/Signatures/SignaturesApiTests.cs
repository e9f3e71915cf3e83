using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Signatures;

public sealed class SignaturesApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private static MultipartFormDataContent Signature(string name, string source = "company", params (string Field, byte[] Content)[] files) =>
        Submissions.Form(new() { ["name"] = name, ["source"] = source, ["purpose"] = "verification" }, files);

    [Fact]
    public async Task CompanyAbbreviation_GoesToReview_AndAnAuditorApprovesIt()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise()); // 北京某某科技有限公司

        var created = await (await tenant.Http.PostAsync("/v1/signatures", Signature("某某科技"))).OkAsync(HttpStatusCode.Created);

        Assert.Equal(("pending_review", 0), (created.Str("status"), created.GetProperty("findings").GetArrayLength()));
        var auditor = await app.AuditorAsync();
        var approved = await (await auditor.PostJsonAsync($"/v1/review/items/{created.Str("id")}/approve", new { })).OkAsync();
        Assert.Equal(("signature", "approved"), (approved.Str("kind"), approved.Str("status")));
    }

    [Fact]
    public async Task NameNotDrawnFromTheCompany_IsRejectedWithItsReason()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());

        var created = await (await tenant.Http.PostAsync("/v1/signatures", Signature("腾讯"))).OkAsync(HttpStatusCode.Created);

        Assert.Equal("rejected", created.Str("status"));
        Assert.Contains(created.GetProperty("findings").EnumerateArray(), f => f.Str("code") == "company_name_mismatch");
    }

    [Fact]
    public async Task Precheck_JudgesByTheCallersTenantKind_AndSavesNothing()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        await tenant.SubmitQualificationAsync(Submissions.Personal());

        var checkedSignature = await (await tenant.Http.PostAsync("/v1/signatures/precheck", Signature("测试【公司】"))).OkAsync();

        var codes = checkedSignature.GetProperty("findings").EnumerateArray().Select(f => f.Str("code")).ToList();
        Assert.Contains("signature_brackets", codes);
        Assert.Contains("signature_test_word", codes);
        Assert.Contains("personal_source_not_allowed", codes);
        Assert.Equal(0, (await (await tenant.Http.GetAsync("/v1/signatures")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Trademark_KeepsItsCertificate_ForTheAuditorToRead()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var form = Signature("某某", "trademark", ("trademarkCertificate", Submissions.Jpeg));
        form.Add(new StringContent("12345678"), "trademarkNumber");

        var created = await (await tenant.Http.PostAsync("/v1/signatures", form)).OkAsync(HttpStatusCode.Created);

        Assert.Equal("pending_review", created.Str("status"));
        var certificate = await (await app.AuditorAsync()).GetAsync($"/v1/review/items/{created.Str("id")}/documents/trademarkCertificate");
        Assert.Equal(Submissions.Jpeg, await certificate.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task WithoutQualification_IsRefused()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PostAsync("/v1/signatures", Signature("某某"))).ProblemAsync(HttpStatusCode.Conflict, "qualification_required");
        await (await tenant.Http.PostAsync("/v1/signatures", Signature("某某", source: "friend"))).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }
}
