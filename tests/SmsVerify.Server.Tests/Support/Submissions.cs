using System.Net;
using System.Text.Json;

namespace SmsVerify.Server.Tests.Support;

/// <summary>Qualification forms and review steps as a tenant and an auditor take them through the API.</summary>
public static class Submissions
{
    // Valid by GB 11643 and GB 32100: the standards' published examples.
    public const string IdNumber = "11010519491231002X";
    public const string CreditCode = "91350100M000100Y43";
    public const string Company = "北京某某科技有限公司";

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];
    public static readonly byte[] Mp4 = [0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m'];

    public static MultipartFormDataContent Form(Dictionary<string, string> fields, params (string Field, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (field, content) in files)
        {
            form.Add(new ByteArrayContent(content), field, field + ".bin");
        }
        return form;
    }

    public static MultipartFormDataContent Personal(string realName = "李雷", bool withSelfie = true) =>
        withSelfie
            ? Form(new() { ["kind"] = "personal", ["realName"] = realName, ["idNumber"] = IdNumber }, ("idCardFront", Jpeg), ("idCardBack", Jpeg), ("selfie", Jpeg))
            : Form(new() { ["kind"] = "personal", ["realName"] = realName, ["idNumber"] = IdNumber }, ("idCardFront", Jpeg), ("idCardBack", Jpeg));

    public static MultipartFormDataContent Enterprise(string licenceStatus = "normal", byte[]? licence = null) => Form(new()
    {
        ["kind"] = "enterprise",
        ["companyName"] = Company,
        ["creditCode"] = CreditCode,
        ["licenceStatus"] = licenceStatus,
        ["establishedOn"] = "2015-06-01",
        ["legalRepName"] = "张三",
        ["legalRepIdNumber"] = IdNumber,
        ["industry"] = "E-commerce",
    }, ("licence", licence ?? Jpeg));

    public static async Task<string> SubmitQualificationAsync(this TestTenant tenant, MultipartFormDataContent form) =>
        (await (await tenant.Http.PostAsync("/v1/qualifications", form)).OkAsync(HttpStatusCode.Created)).Str("id");

    public static async Task<HttpClient> AuditorAsync(this ITestServer app)
    {
        var key = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role = "auditor" })).OkAsync(HttpStatusCode.Created);
        return app.WithKey(key.Str("apiKey"));
    }

    public static async Task<JsonElement> RealPersonChecksAsync(this TestTenant tenant, string qualificationId) =>
        await (await tenant.Http.GetAsync($"/v1/qualifications/{qualificationId}/real-person")).OkAsync();

    public static async Task<string> ModeAsync(this SmsVerifyApp app, Guid tenantId) =>
        (await (await app.Operator().GetAsync($"/v1/tenants/{tenantId}")).OkAsync()).Str("mode");

    /// <summary>A website application filed under the tenant's subject.</summary>
    public static async Task<JsonElement> SubmitWebsiteAsync(this TestTenant tenant, string subject = Company, string? replaces = null) =>
        await (await tenant.Http.PostJsonAsync("/v1/applications", new
        {
            kind = "website",
            name = "某某商城",
            domain = "shop.example.com",
            icpNumber = "京ICP备12345678号-1",
            filingSubject = subject,
            replaces,
        })).OkAsync(HttpStatusCode.Created);
}
