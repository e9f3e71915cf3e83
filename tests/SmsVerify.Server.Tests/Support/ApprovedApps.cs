using System.Net;
using System.Text.Json;

namespace SmsVerify.Server.Tests.Support;

/// <summary>Landing applications a tenant has approved: a website for WebOTP lines, an Android app for SMS Retriever hashes.</summary>
public static class ApprovedApps
{
    /// <summary>The domain of <see cref="Submissions.SubmitWebsiteAsync"/>'s website.</summary>
    public const string Domain = "shop.example.com";

    public const string AndroidPackage = "com.example.shop";
    public const string Hash = "FA+9qCX9VSu";

    /// <summary>The tenant's website, approved; the tenant's qualification must be approved already.</summary>
    public static async Task<string> ApproveWebsiteAsync(this TestTenant tenant, ITestServer app) =>
        await ApproveAsync(app, (await tenant.SubmitWebsiteAsync()).Str("id"));

    /// <summary>An app with its package and <paramref name="hashes"/>, approved.</summary>
    public static async Task<string> ApproveAndroidAppAsync(this TestTenant tenant, ITestServer app, params string[] hashes) =>
        await ApproveAsync(app, (await tenant.SubmitAndroidAppAsync(hashes)).Str("id"));

    /// <summary>An app with its package and <paramref name="hashes"/>, submitted for review; the tenant's qualification must be in.</summary>
    public static async Task<JsonElement> SubmitAndroidAppAsync(this TestTenant tenant, params string[] hashes) =>
        await (await tenant.Http.PostJsonAsync("/v1/applications", new
        {
            kind = "app",
            name = "某某商城App",
            storeLink = "https://apps.example.com/app/1",
            icpNumber = "京ICP备12345678号-2",
            filingSubject = Submissions.Company,
            androidPackage = AndroidPackage,
            appHashes = hashes,
        })).OkAsync(HttpStatusCode.Created);

    private static async Task<string> ApproveAsync(ITestServer app, string id)
    {
        var auditor = await app.AuditorAsync();
        await (await auditor.PostJsonAsync($"/v1/review/items/{id}/approve", new { })).OkAsync();
        return id;
    }
}
