using System.Net;

namespace SmsVerify.Server.Tests.Support;

/// <summary>A live enterprise tenant with an approved signature and verification template, as a real sender has.</summary>
public sealed record LiveSender(TestTenant Tenant, string Signature, string Template)
{
    public HttpClient Http => Tenant.Http;

    public Task<HttpResponseMessage> StartAsync(string to, object? parameters = null, string? appHash = null) =>
        Http.PostJsonAsync("/v1/verifications", new { to, signature = Signature, template = Template, @params = parameters, appHash });
}

public static class Senders
{
    public const string SignatureName = "某某科技";
    public const string VerificationContent = "您正在登录某某商城，验证码为${code}，5分钟内有效，请勿泄露给他人。";

    /// <summary>Qualification approved (the tenant goes live), signature and template approved.</summary>
    public static async Task<LiveSender> CreateLiveSenderAsync(this ITestServer app, string content = VerificationContent, string purpose = "general")
    {
        var tenant = await app.CreateTenantAsync();
        var auditor = await app.AuditorAsync();
        var qualification = await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        await (await auditor.PostJsonAsync($"/v1/review/items/{qualification}/approve", new { })).OkAsync();
        var signature = await (await tenant.Http.PostAsync("/v1/signatures", Submissions.Form(new()
        {
            ["name"] = SignatureName,
            ["source"] = "company",
            ["purpose"] = purpose,
        }))).OkAsync(HttpStatusCode.Created);
        await (await auditor.PostJsonAsync($"/v1/review/items/{signature.Str("id")}/approve", new { })).OkAsync();
        var template = await tenant.CreateApprovedTemplateAsync(app, content);
        return new LiveSender(tenant, SignatureName, template);
    }

    /// <summary>Submits a template and, if the rules left it to a person, has an auditor approve it.</summary>
    public static async Task<string> CreateApprovedTemplateAsync(
        this TestTenant tenant, ITestServer app, string content, string type = "verification", string? applicationId = null)
    {
        var template = await (await tenant.Http.PostJsonAsync("/v1/templates", new { name = "登录", type, content, scenario = "用户登录", applicationId }))
            .OkAsync(HttpStatusCode.Created);
        if (template.Str("status") == "pending_review")
        {
            await app.ApproveTemplateAsync(template.Str("code"));
        }
        Assert.NotEqual("rejected", template.Str("status"));
        return template.Str("code");
    }

    /// <summary>Has an auditor approve a template that waits for review.</summary>
    public static async Task ApproveTemplateAsync(this ITestServer app, string code)
    {
        var auditor = await app.AuditorAsync();
        var id = (await (await auditor.GetAsync("/v1/review/items?kind=template")).OkAsync()).EnumerateArray()
            .Single(i => i.GetProperty("submission").Str("code") == code).Str("id");
        await (await auditor.PostJsonAsync($"/v1/review/items/{id}/approve", new { })).OkAsync();
    }
}
