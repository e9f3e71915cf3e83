using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Qualifications;

public sealed class QualificationsApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string IdNumber = Submissions.IdNumber;
    private const string CreditCode = Submissions.CreditCode;

    private static readonly byte[] Jpeg = Submissions.Jpeg;
    private static readonly byte[] Mp4 = Submissions.Mp4;

    private static MultipartFormDataContent Form(Dictionary<string, string> fields, params (string Field, byte[] Content)[] files) =>
        Submissions.Form(fields, files);

    private static Dictionary<string, string> Enterprise(string establishedOn = "2015-06-01", string licenceStatus = "normal", string industry = "E-commerce") => new()
    {
        ["kind"] = "enterprise",
        ["companyName"] = "北京某某科技有限公司",
        ["creditCode"] = CreditCode,
        ["licenceStatus"] = licenceStatus,
        ["establishedOn"] = establishedOn,
        ["legalRepName"] = "张三",
        ["legalRepIdNumber"] = IdNumber,
        ["industry"] = industry,
    };

    [Fact]
    public async Task Personal_ValidSubmission_GoesToReviewWithMaskedIdAndEncryptedDocuments()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var form = Form(new() { ["kind"] = "personal", ["realName"] = "李雷", ["idNumber"] = IdNumber.ToLowerInvariant() },
            ("idCardFront", Jpeg), ("idCardBack", Jpeg), ("selfie", Jpeg));

        var created = await (await tenant.Http.PostAsync("/v1/qualifications", form)).OkAsync(HttpStatusCode.Created);

        Assert.Equal("pending_review", created.Str("status"));
        Assert.Equal("normal", created.Str("riskLevel"));
        Assert.Equal("110105********002X", created.Str("idNumber"));
        Assert.Equal(0, created.GetProperty("findings").GetArrayLength());
        Assert.Equal(["idCardFront", "idCardBack", "selfie"], created.GetProperty("documents").EnumerateArray().Select(d => d.Str("field")));
        var stored = await app.WithDbAsync(db => db.Qualifications.SingleAsync(q => q.TenantId == tenant.Id));
        Assert.DoesNotContain(IdNumber, System.Text.Encoding.ASCII.GetString(stored.IdNumberSealed));
        var read = await (await tenant.Http.GetAsync($"/v1/qualifications/{created.Str("id")}")).OkAsync();
        Assert.Equal(created.Str("id"), read.Str("id"));
        // The selfie came with the submission, so its real-person check is already waiting for an auditor.
        var check = Assert.Single((await (await tenant.Http.GetAsync($"/v1/qualifications/{created.Str("id")}/real-person")).OkAsync()).EnumerateArray());
        Assert.Equal(("manual", "pending_review", "holder"), (check.Str("provider"), check.Str("status"), check.Str("role")));
    }

    [Fact]
    public async Task Personal_WithoutSelfie_IsFlaggedForRealPersonVerification()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var form = Form(new() { ["kind"] = "personal", ["realName"] = "李雷", ["idNumber"] = IdNumber }, ("idCardFront", Jpeg), ("idCardBack", Jpeg));

        var created = await (await tenant.Http.PostAsync("/v1/qualifications", form)).OkAsync(HttpStatusCode.Created);

        Assert.Equal("pending_review", created.Str("status"));
        var finding = Assert.Single(created.GetProperty("findings").EnumerateArray());
        Assert.Equal(("real_person_verification_required", "warning", "selfie"), (finding.Str("code"), finding.Str("severity"), finding.Str("field")));
    }

    [Fact]
    public async Task Personal_BadIdNumber_IsRejectedWithAFindingAndNoDocumentsKept()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var form = Form(new() { ["kind"] = "personal", ["realName"] = "李雷", ["idNumber"] = "110105194912310021" },
            ("idCardFront", Jpeg), ("idCardBack", Jpeg), ("selfie", Jpeg));

        var created = await (await tenant.Http.PostAsync("/v1/qualifications", form)).OkAsync(HttpStatusCode.Created);

        Assert.Equal("rejected", created.Str("status"));
        var finding = Assert.Single(created.GetProperty("findings").EnumerateArray());
        Assert.Equal("id_number_invalid", finding.Str("code"));
        Assert.Equal("error", finding.Str("severity"));
        Assert.Equal("idNumber", finding.Str("field"));
        Assert.Equal(0, created.GetProperty("documents").GetArrayLength());
    }

    [Theory]
    [InlineData("cancelled", "E-commerce", "licence_cancelled", "rejected")]
    [InlineData("revoked", "E-commerce", "licence_cancelled", "rejected")]
    [InlineData("normal", "P2P 网络借贷平台", "industry_banned", "rejected")]
    [InlineData("normal", "virtual_currency", "industry_banned", "rejected")]
    [InlineData("abnormal", "E-commerce", "licence_abnormal", "pending_review")]
    public async Task Enterprise_RuleBreaks_GiveTheirFindings(string licenceStatus, string industry, string code, string status)
    {
        var tenant = await app.CreateTenantAsync();
        var form = Form(Enterprise(licenceStatus: licenceStatus, industry: industry), ("licence", Jpeg));

        var created = await (await tenant.Http.PostAsync("/v1/qualifications", form)).OkAsync(HttpStatusCode.Created);

        Assert.Equal(status, created.Str("status"));
        Assert.Contains(code, created.GetProperty("findings").EnumerateArray().Select(f => f.Str("code")));
    }

    [Fact]
    public async Task Enterprise_NewCompany_IsHighRiskAndNeedsLegalRepVerification()
    {
        var tenant = await app.CreateTenantAsync();
        var established = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-10).ToString("yyyy-MM-dd");
        var form = Form(Enterprise(establishedOn: established), ("licence", Jpeg), ("legalRepVideo", Mp4));

        var created = await (await tenant.Http.PostAsync("/v1/qualifications", form)).OkAsync(HttpStatusCode.Created);

        Assert.Equal("pending_review", created.Str("status"));
        Assert.Equal("high", created.Str("riskLevel"));
        var codes = created.GetProperty("findings").EnumerateArray().Select(f => f.Str("code")).ToList();
        Assert.Equal(["company_too_new", "legal_rep_verification_required"], codes);
        Assert.Contains("mp4", created.GetProperty("documents").EnumerateArray().Select(d => d.Str("type")));
    }

    [Fact]
    public async Task Submit_BadInput_Is400AndStoresNothing()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PostAsync("/v1/qualifications", Form(Enterprise(), ("licence", "not an image"u8.ToArray()))))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await tenant.Http.PostAsync("/v1/qualifications", Form(Enterprise())))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        var wrongKind = await (await tenant.Http.PostAsync("/v1/qualifications",
            Form(new() { ["kind"] = "personal", ["realName"] = "李雷", ["idNumber"] = IdNumber }, ("idCardFront", Jpeg), ("idCardBack", Jpeg))))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("kind", wrongKind.Str("field"));
        var badDate = Enterprise(establishedOn: "2015/06/01");
        await (await tenant.Http.PostAsync("/v1/qualifications", Form(badDate, ("licence", Jpeg)))).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(0, await app.WithDbAsync(db => db.Qualifications.CountAsync(q => q.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task Resubmission_OnlyAfterRejection_KeepsHistory()
    {
        var tenant = await app.CreateTenantAsync();
        var first = await (await tenant.Http.PostAsync("/v1/qualifications", Form(Enterprise(industry: "gambling"), ("licence", Jpeg)))).OkAsync(HttpStatusCode.Created);
        Assert.Equal("rejected", first.Str("status"));
        var second = await (await tenant.Http.PostAsync("/v1/qualifications", Form(Enterprise(), ("licence", Jpeg)))).OkAsync(HttpStatusCode.Created);
        Assert.Equal(2, second.Int("version"));
        await (await tenant.Http.PostAsync("/v1/qualifications", Form(Enterprise(), ("licence", Jpeg))))
            .ProblemAsync(HttpStatusCode.Conflict, "qualification_exists");

        var history = await (await tenant.Http.GetAsync("/v1/qualifications")).OkAsync();
        Assert.Equal(["rejected", "pending_review"], history.EnumerateArray().Select(q => q.Str("status")));
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=qualification:{second.Str("id")}")).OkAsync();
        Assert.Equal("qualification.submitted", Assert.Single(trail.EnumerateArray()).Str("action"));
    }

    [Fact]
    public async Task OtherTenant_CannotReadAQualification()
    {
        var alice = await app.CreateTenantAsync(kind: "personal");
        var bob = await app.CreateTenantAsync(kind: "personal");
        var created = await (await alice.Http.PostAsync("/v1/qualifications",
            Form(new() { ["kind"] = "personal", ["realName"] = "李雷", ["idNumber"] = IdNumber }, ("idCardFront", Jpeg), ("idCardBack", Jpeg))))
            .OkAsync(HttpStatusCode.Created);
        await (await bob.Http.GetAsync($"/v1/qualifications/{created.Str("id")}")).ProblemAsync(HttpStatusCode.NotFound, "qualification_not_found");
        Assert.Equal(0, (await (await bob.Http.GetAsync("/v1/qualifications")).OkAsync()).GetArrayLength());
    }
}
