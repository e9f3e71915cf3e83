using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.LandingApps;

public sealed class LandingAppsApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Company = "北京某某科技有限公司";

    private async Task<TestTenant> QualifiedTenantAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["kind"] = "enterprise",
            ["companyName"] = Company,
            ["creditCode"] = "91350100M000100Y43",
            ["licenceStatus"] = "normal",
            ["establishedOn"] = "2015-06-01",
            ["legalRepName"] = "张三",
            ["legalRepIdNumber"] = "11010519491231002X",
            ["industry"] = "E-commerce",
        })
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0]), "licence", "licence.jpg");
        await (await tenant.Http.PostAsync("/v1/qualifications", form)).OkAsync(HttpStatusCode.Created);
        return tenant;
    }

    [Fact]
    public async Task Submit_FilingThatMatchesTheQualification_GoesToReview()
    {
        var tenant = await QualifiedTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/applications",
            new { kind = "website", name = "某某商城", domain = "shop.example.com", icpNumber = "京ICP备12345678号-1", filingSubject = Company }))
            .OkAsync(HttpStatusCode.Created);
        Assert.Equal("pending_review", created.Str("status"));
        Assert.Equal(0, created.GetProperty("findings").GetArrayLength());
        Assert.Single((await (await tenant.Http.GetAsync("/v1/applications")).OkAsync()).EnumerateArray());
    }

    [Fact]
    public async Task AppHashes_AreRegisteredOnAnApp_AtSubmissionAndLater_AndRefusedOnAWebsiteOrMalformed()
    {
        var tenant = await QualifiedTenantAsync();
        var created = await tenant.SubmitAndroidAppAsync("FA+9qCX9VSu");
        Assert.Equal(ApprovedApps.AndroidPackage, created.Str("androidPackage"));
        Assert.Equal(["FA+9qCX9VSu"], created.GetProperty("appHashes").EnumerateArray().Select(h => h.GetString()));
        var path = $"/v1/applications/{created.Str("id")}/app-hashes";

        var set = await (await tenant.Http.PutJsonAsync(path, new { androidPackage = "com.example.shop", appHashes = new[] { "FA+9qCX9VSu", "abc/DEF1234" } })).OkAsync();

        Assert.Equal(["FA+9qCX9VSu", "abc/DEF1234"], set.GetProperty("appHashes").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal("appHashes", (await (await tenant.Http.PutJsonAsync(path, new { appHashes = new[] { "FA-9qCX9VSu" } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument")).Str("field"));
        Assert.Equal("androidPackage", (await (await tenant.Http.PutJsonAsync(path, new { androidPackage = "shop", appHashes = Array.Empty<string>() }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument")).Str("field"));
        Assert.Equal("appHashes", (await (await tenant.Http.PostJsonAsync("/v1/applications", new
        {
            kind = "website",
            name = "某某商城",
            domain = "shop.example.com",
            icpNumber = "京ICP备12345678号-1",
            filingSubject = Company,
            appHashes = new[] { "FA+9qCX9VSu" },
        })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument")).Str("field"));
        var other = await QualifiedTenantAsync();
        await (await other.Http.PutJsonAsync(path, new { appHashes = new[] { "FA+9qCX9VSu" } })).ProblemAsync(HttpStatusCode.NotFound, "application_not_found");
    }

    [Theory]
    [InlineData("北京某某科技有限公司 ", "京ICP备123号", "icp_number_invalid")]
    [InlineData("北京某某科技（有限）公司", "京ICP备12345678号", "filing_subject_mismatch")]
    [InlineData("北京某某科技有限責任公司", "京ICP备12345678号", "filing_subject_mismatch")]
    public async Task Submit_BadFiling_IsRejectedWithAFinding(string subject, string icp, string code)
    {
        var tenant = await QualifiedTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/applications",
            new { kind = "app", name = "某某", storeLink = "https://apps.example.com/app/1", icpNumber = icp, filingSubject = subject }))
            .OkAsync(HttpStatusCode.Created);
        Assert.Equal("rejected", created.Str("status"));
        var finding = Assert.Single(created.GetProperty("findings").EnumerateArray());
        Assert.Equal(code, finding.Str("code"));
    }

    [Fact]
    public async Task Submit_WithoutQualification_Is409()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PostJsonAsync("/v1/applications",
            new { kind = "website", name = "x", domain = "example.com", icpNumber = "京ICP备12345678号", filingSubject = Company }))
            .ProblemAsync(HttpStatusCode.Conflict, "qualification_required");
    }

    [Theory]
    [InlineData("shop", "x", "example.com", "kind")]
    [InlineData("website", "x", "not a domain", "domain")]
    [InlineData("website", "", "example.com", "name")]
    public async Task Submit_BadInput_Is400(string kind, string name, string domain, string field)
    {
        var tenant = await QualifiedTenantAsync();
        var problem = await (await tenant.Http.PostJsonAsync("/v1/applications",
            new { kind, name, domain, icpNumber = "京ICP备12345678号", filingSubject = Company })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(field, problem.Str("field"));
    }
}
