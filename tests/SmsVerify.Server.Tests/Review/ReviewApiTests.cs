using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Review;

public sealed class ReviewApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

    private static MultipartFormDataContent Enterprise(string establishedOn = "2015-06-01", string licenceStatus = "normal")
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["kind"] = "enterprise",
            ["companyName"] = "北京某某科技有限公司",
            ["creditCode"] = "91350100M000100Y43",
            ["licenceStatus"] = licenceStatus,
            ["establishedOn"] = establishedOn,
            ["legalRepName"] = "张三",
            ["legalRepIdNumber"] = "11010519491231002X",
            ["industry"] = "E-commerce",
        })
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(new ByteArrayContent(Jpeg), "licence", "licence.jpg");
        return form;
    }

    private async Task<(TestTenant Tenant, string Id)> SubmitAsync(string licenceStatus = "normal")
    {
        var tenant = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostAsync("/v1/qualifications", Enterprise(licenceStatus: licenceStatus))).OkAsync(HttpStatusCode.Created);
        return (tenant, created.Str("id"));
    }

    private async Task<HttpClient> AuditorAsync()
    {
        var key = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role = "auditor" })).OkAsync(HttpStatusCode.Created);
        return app.WithKey(key.Str("apiKey"));
    }

    [Fact]
    public async Task Approve_PendingQualification_TakesTheTenantOutOfTheSandbox()
    {
        var (tenant, id) = await SubmitAsync();
        var auditor = await AuditorAsync();
        var queue = await (await auditor.GetAsync("/v1/review/items?kind=qualification&status=pending_review")).OkAsync();
        Assert.Contains(id, queue.EnumerateArray().Select(i => i.Str("id")));

        var approved = await (await auditor.PostJsonAsync($"/v1/review/items/{id}/approve", new { note = "Licence checked against the registry." })).OkAsync();

        Assert.Equal("approved", approved.GetProperty("submission").Str("status"));
        Assert.Equal("live", (await (await app.Operator().GetAsync($"/v1/tenants/{tenant.Id}")).OkAsync()).Str("mode"));
        var seen = await (await tenant.Http.GetAsync($"/v1/qualifications/{id}")).OkAsync();
        Assert.Equal("approved", seen.Str("status"));
        Assert.Equal("Licence checked against the registry.", seen.Str("decisionNote"));
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=qualification:{id}")).OkAsync();
        var decision = trail.EnumerateArray().Last();
        Assert.Equal("qualification.approved", decision.Str("action"));
        Assert.StartsWith("auditor:key:", decision.Str("actor"));
    }

    [Fact]
    public async Task Reject_NeedsAReasonThatTheTenantSees_AndAllowsResubmission()
    {
        var (tenant, id) = await SubmitAsync();
        var auditor = await AuditorAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{id}/reject", new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");

        await (await auditor.PostJsonAsync($"/v1/review/items/{id}/reject", new { reason = "The licence image is unreadable." })).OkAsync();

        var seen = await (await tenant.Http.GetAsync($"/v1/qualifications/{id}")).OkAsync();
        Assert.Equal("rejected", seen.Str("status"));
        Assert.Equal("The licence image is unreadable.", seen.Str("decisionNote"));
        Assert.Equal("sandbox", (await (await app.Operator().GetAsync($"/v1/tenants/{tenant.Id}")).OkAsync()).Str("mode"));
        var again = await (await tenant.Http.PostAsync("/v1/qualifications", Enterprise())).OkAsync(HttpStatusCode.Created);
        Assert.Equal(2, again.Int("version"));
    }

    [Fact]
    public async Task Decide_Twice_SecondIs409()
    {
        var (_, id) = await SubmitAsync();
        var auditor = await AuditorAsync();
        var both = await Task.WhenAll(
            auditor.PostJsonAsync($"/v1/review/items/{id}/approve", new { }),
            auditor.PostJsonAsync($"/v1/review/items/{id}/reject", new { reason = "Duplicate." }));
        Assert.Equal(1, both.Count(r => r.StatusCode == HttpStatusCode.OK));
        await both.Single(r => r.StatusCode != HttpStatusCode.OK).ProblemAsync(HttpStatusCode.Conflict, "review_item_not_pending");
    }

    [Fact]
    public async Task Approve_HighRisk_WaitsForRealPersonVerification()
    {
        var (tenant, id) = await SubmitAsync(licenceStatus: "abnormal");
        var auditor = await AuditorAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict, "legal_rep_verification_required");
        Assert.Equal("sandbox", (await (await app.Operator().GetAsync($"/v1/tenants/{tenant.Id}")).OkAsync()).Str("mode"));
    }

    [Fact]
    public async Task Documents_AreReadableByTheOwnerAndAuditorsOnly_AndEveryReadIsAudited()
    {
        var (tenant, id) = await SubmitAsync();
        var auditor = await AuditorAsync();
        var other = await app.CreateTenantAsync(name: "Other");

        var byAuditor = await auditor.GetAsync($"/v1/review/items/{id}/documents/licence");
        Assert.Equal(HttpStatusCode.OK, byAuditor.StatusCode);
        Assert.Equal("image/jpeg", byAuditor.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Jpeg, await byAuditor.Content.ReadAsByteArrayAsync());
        var byOwner = await tenant.Http.GetAsync($"/v1/qualifications/{id}/documents/licence");
        Assert.Equal(Jpeg, await byOwner.Content.ReadAsByteArrayAsync());
        await (await other.Http.GetAsync($"/v1/qualifications/{id}/documents/licence")).ProblemAsync(HttpStatusCode.NotFound, "qualification_not_found");
        await (await tenant.Http.GetAsync($"/v1/qualifications/{id}/documents/selfie")).ProblemAsync(HttpStatusCode.NotFound, "document_not_found");

        var reads = await (await app.Operator().GetAsync($"/v1/audit/export")).Content.ReadAsStringAsync();
        var readRecords = reads.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("document.read") && l.Contains(id)).ToList();
        Assert.Equal(2, readRecords.Count);
        Assert.Contains(readRecords, r => r.Contains("auditor:key:"));
        Assert.Contains(readRecords, r => r.Contains($"tenant:{tenant.Id}"));
    }

    [Fact]
    public async Task Queue_IsForAuditorsAndAdminsOnly()
    {
        var (tenant, id) = await SubmitAsync();
        await (await tenant.Http.GetAsync("/v1/review/items")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await tenant.Http.PostJsonAsync($"/v1/review/items/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var risk = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role = "risk" })).OkAsync(HttpStatusCode.Created);
        await (await app.WithKey(risk.Str("apiKey")).GetAsync("/v1/review/items")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await app.Operator().GetAsync($"/v1/review/items/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "review_item_not_found");
        await (await app.Operator().GetAsync("/v1/review/items?status=1")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }
}
