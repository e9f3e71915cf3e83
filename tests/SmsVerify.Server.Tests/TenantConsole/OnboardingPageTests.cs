using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// The onboarding pages: each step submitted through its page reaches the operators' review queue through the same
/// services as the API; a rejection shows its reason on /app and the correction becomes version 2; viewers only look;
/// no tenant sees or resubmits another's signature or template; the editors' pre-check answers findings with spans.
/// </summary>
public sealed class OnboardingPageTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Qualification = "/app/onboarding/qualification";
    private const string Applications = "/app/onboarding/applications";
    private const string Signatures = "/app/onboarding/signatures";
    private const string Templates = "/app/onboarding/templates";

    [Fact]
    public async Task EveryStep_SubmittedThroughItsPage_ReachesTheReviewQueue_AndARejectionIsCorrectedAsVersion2()
    {
        var tenant = await app.CreateTenantAsync();
        var auditor = await app.AuditorAsync();
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");
        var steps = await developer.HtmlAsync("/app");
        Assert.Equal(4, CountOf(steps, "data-status=\"none\""));

        // Qualification: the business licence image stored as the API stores it, the queue sees it, a rejection says why.
        var submitted = await PostMultipartAsync(developer, Qualification, "Submit", EnterpriseFields(), ("licence", LicenceImage.Png()));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var first = await auditor.QueuedAsync("qualification", tenant.Id);
        Assert.Equal("licence", first.GetProperty("documents")[0].Str("field"));
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/v1/review/items/{first.Str("id")}/documents/licence")).StatusCode);
        await (await auditor.PostJsonAsync($"/v1/review/items/{first.Str("id")}/reject", new { reason = "营业执照照片模糊，请重新上传清晰的照片。" })).OkAsync();
        steps = await developer.HtmlAsync("/app");
        Assert.Contains("data-step=\"Qualification\" data-status=\"rejected\"", steps);
        Assert.Contains("营业执照照片模糊，请重新上传清晰的照片。", steps);
        Assert.Contains("营业执照照片模糊", await developer.HtmlAsync(Qualification));

        Assert.Equal(HttpStatusCode.Redirect, (await PostMultipartAsync(developer, Qualification, "Submit", EnterpriseFields(), ("licence", LicenceImage.Png()))).StatusCode);
        var second = await auditor.QueuedAsync("qualification", tenant.Id);
        Assert.Equal(2, second.GetProperty("submission").GetProperty("version").GetInt32());
        Assert.Contains("data-version=\"2\"", await developer.HtmlAsync(Qualification));
        await (await auditor.PostJsonAsync($"/v1/review/items/{second.Str("id")}/approve", new { })).OkAsync();

        // Landing application.
        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostFormAsync(Applications, "Submit", new()
        {
            ["kind"] = "website",
            ["name"] = "某某商城",
            ["domain"] = "shop.example.com",
            ["icpNumber"] = "京ICP备12345678号-1",
            ["filingSubject"] = Submissions.Company,
        })).StatusCode);
        var application = await auditor.QueuedAsync("application", tenant.Id);
        await (await auditor.PostJsonAsync($"/v1/review/items/{application.Str("id")}/approve", new { })).OkAsync();

        // Signature: rejected by the auditor, corrected through the page as its version 2.
        Assert.Equal(HttpStatusCode.Redirect, (await PostMultipartAsync(developer, Signatures, "Submit",
            new() { ["name"] = "某某科技", ["source"] = "company", ["purpose"] = "general" })).StatusCode);
        var signature = await auditor.QueuedAsync("signature", tenant.Id);
        Assert.Contains($"/console/review/{signature.Str("id")}", await (await app.SignedInAsync("auditor")).HtmlAsync("/console/review?kind=signature"));
        await (await auditor.PostJsonAsync($"/v1/review/items/{signature.Str("id")}/reject", new { reason = "签名与企业简称不符。" })).OkAsync();
        Assert.Contains("签名与企业简称不符。", await developer.HtmlAsync("/app"));
        Assert.Contains($"?id={signature.Str("id")}", await developer.HtmlAsync(Signatures));
        Assert.Contains("value=\"某某科技\"", await developer.HtmlAsync($"{Signatures}?id={signature.Str("id")}"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostMultipartAsync(developer, Signatures, "Submit",
            new() { ["id"] = signature.Str("id"), ["name"] = "某某", ["source"] = "company", ["purpose"] = "general" })).StatusCode);
        var corrected = await (await tenant.Http.GetAsync($"/v1/signatures/{signature.Str("id")}")).OkAsync();
        Assert.Equal(2, corrected.GetProperty("version").GetInt32());
        Assert.Equal("pending_review", corrected.Str("status"));
        Assert.Equal("某某", (await auditor.QueuedAsync("signature", tenant.Id)).GetProperty("submission").Str("name"));

        // Template: submitted through the editor, under review or approved by the rules, never rejected.
        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostFormAsync(Templates, "Submit", new()
        {
            ["name"] = "登录",
            ["type"] = "verification",
            ["scenario"] = "用户登录",
            ["content"] = Senders.VerificationContent,
        })).StatusCode);
        var template = (await (await tenant.Http.GetAsync("/v1/templates")).OkAsync()).EnumerateArray().Single();
        Assert.NotEqual("rejected", template.Str("status"));
        steps = await developer.HtmlAsync("/app");
        Assert.Equal(0, CountOf(steps, "data-status=\"none\""));
    }

    [Fact]
    public async Task ARejectedTemplate_ShowsItsReasons_AndIsCorrectedAsItsNextVersion_WhileBadInputIsShownAtItsField()
    {
        var tenant = await app.CreateTenantAsync();
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(Templates, "Submit", new()
        {
            ["name"] = "登录",
            ["type"] = "verification",
            ["scenario"] = "用户登录",
            ["content"] = "您的验证码为${code}，详情见 http://promo.example.com",
        })).StatusCode);
        var template = (await (await tenant.Http.GetAsync("/v1/templates")).OkAsync()).EnumerateArray().Single();
        Assert.Equal("rejected", template.Str("status"));
        var code = template.Str("code");
        var page = await owner.HtmlAsync(Templates);
        Assert.Contains("data-status=\"rejected\"", page);
        Assert.Contains("Verification templates carry no link", page, StringComparison.OrdinalIgnoreCase);

        var missingName = await owner.PostFormAsync(Templates, "Submit", new() { ["code"] = code, ["name"] = "", ["type"] = "verification", ["scenario"] = "用户登录", ["content"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, missingName.StatusCode);
        Assert.Contains("data-problem=\"invalid_argument\" data-field=\"name\"", await missingName.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(Templates, "Submit", new()
        {
            ["code"] = code,
            ["name"] = "登录",
            ["type"] = "verification",
            ["scenario"] = "用户登录",
            ["content"] = Senders.VerificationContent,
        })).StatusCode);
        var corrected = await (await tenant.Http.GetAsync($"/v1/templates/{code}")).OkAsync();
        Assert.Equal(2, corrected.GetProperty("version").GetInt32());
        Assert.NotEqual("rejected", corrected.Str("status"));
    }

    [Fact]
    public async Task ThePrecheckHandlers_AnswerTheFindings_WithTheirSpans_AndSaveNothing()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");
        const string content = "您的验证码为${code}，详情见 http://promo.example.com";

        var answer = await (await developer.PostFormAsync(Templates, "Precheck", new()
        {
            ["name"] = "登录",
            ["type"] = "verification",
            ["scenario"] = "用户登录",
            ["content"] = content,
        })).OkAsync();
        var link = answer.GetProperty("findings").EnumerateArray().First(f => f.Str("code") == "link_not_allowed");
        Assert.Equal("content", link.Str("field"));
        var span = link.GetProperty("span");
        Assert.Equal("http://promo.example.com", content.Substring(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32()));
        Assert.Equal("code", answer.GetProperty("variables")[0].Str("type"));

        var signature = await (await PostMultipartAsync(developer, Signatures, "Precheck", new() { ["name"] = "某某测试", ["source"] = "company" })).OkAsync();
        var test = signature.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("span").ValueKind == JsonValueKind.Object);
        Assert.Equal("name", test.Str("field"));

        var invalid = await developer.PostFormAsync(Templates, "Precheck", new() { ["name"] = "登录", ["type"] = "fax", ["scenario"] = "x", ["content"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("type", (await invalid.JsonAsync()).GetProperty("problem").Str("field"));
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/templates")).OkAsync()).EnumerateArray());
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/signatures")).OkAsync()).EnumerateArray());
    }

    [Fact]
    public async Task AnAppsRow_SetsItsPackageAndAppHashes_AndSaysWhyWhenOneIsMalformed()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var id = (await tenant.SubmitAndroidAppAsync()).Str("id");
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");

        var saved = await developer.PostFormAsync(Applications, "AppHashes", new()
        {
            ["id"] = id,
            ["androidPackage"] = "com.example.shop",
            ["appHashes"] = "FA+9qCX9VSu, abc/DEF1234",
        });
        var refused = await developer.PostFormAsync(Applications, "AppHashes", new() { ["id"] = id, ["appHashes"] = "FA-9qCX9VSu" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["FA+9qCX9VSu", "abc/DEF1234"],
            (await (await tenant.Http.GetAsync($"/v1/applications/{id}")).OkAsync()).GetProperty("appHashes").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-field=\"appHashes\"", await refused.Content.ReadAsStringAsync());
        Assert.Contains("data-app-hashes=\"FA+9qCX9VSu abc/DEF1234\"", await developer.HtmlAsync(Applications));
    }

    [Fact]
    public async Task AViewer_SeesTheSteps_ButEveryPostIsRefused()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var (viewer, _) = await app.TenantSignedInAsync(tenant.Id, "viewer");
        foreach (var path in new[] { Qualification, Applications, Signatures, Templates })
        {
            var page = await viewer.HtmlAsync(path);
            Assert.DoesNotContain("handler=Submit", page);
            var refused = await viewer.PostFormAsync(path, "Submit", new() { ["name"] = "登录", ["type"] = "verification", ["scenario"] = "x", ["content"] = "x" });
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/app/denied", refused.Headers.Location!.ToString());
        }
        var precheck = await viewer.PostFormAsync(Templates, "Precheck", new() { ["content"] = "x" });
        Assert.Contains("/app/denied", precheck.Headers.Location!.ToString());
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/templates")).OkAsync()).EnumerateArray());
    }

    [Fact]
    public async Task ATenant_CannotSeeOrResubmit_AnotherTenantsSignatureOrTemplate()
    {
        var other = await app.CreateTenantAsync();
        await other.SubmitQualificationAsync(Submissions.Enterprise());
        var signature = await (await other.Http.PostAsync("/v1/signatures", Submissions.Form(new() { ["name"] = "测试", ["source"] = "company" })))
            .OkAsync(HttpStatusCode.Created);
        var template = await (await other.Http.PostJsonAsync("/v1/templates", new { name = "登录", type = "verification", content = "验证码${code}，http://a.example.com", scenario = "登录" }))
            .OkAsync(HttpStatusCode.Created);
        Assert.Equal("rejected", signature.Str("status"));
        Assert.Equal("rejected", template.Str("status"));

        var tenant = await app.CreateTenantAsync();
        await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"{Signatures}?id={signature.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"{Templates}?code={template.Str("code")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostMultipartAsync(owner, Signatures, "Submit",
            new() { ["id"] = signature.Str("id"), ["name"] = "某某", ["source"] = "company" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostFormAsync(Templates, "Submit", new()
        {
            ["code"] = template.Str("code"),
            ["name"] = "登录",
            ["type"] = "verification",
            ["scenario"] = "用户登录",
            ["content"] = Senders.VerificationContent,
        })).StatusCode);
        Assert.DoesNotContain(signature.Str("id"), await owner.HtmlAsync(Signatures));
        Assert.DoesNotContain(template.Str("code"), await owner.HtmlAsync(Templates));
        Assert.Equal(1, (await (await other.Http.GetAsync($"/v1/signatures/{signature.Str("id")}")).OkAsync()).GetProperty("version").GetInt32());
        Assert.Equal(1, (await (await other.Http.GetAsync($"/v1/templates/{template.Str("code")}")).OkAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task APersonalTenant_SendsItsRealPersonStep_AfterTheQualification()
    {
        var tenant = await app.CreateTenantAsync(kind: "personal");
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var refused = await PostMultipartAsync(owner, Qualification, "Submit", new() { ["kind"] = "personal", ["realName"] = "李雷", ["idNumber"] = Submissions.IdNumber },
            ("idCardFront", Submissions.Jpeg));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-field=\"idCardBack\"", await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await PostMultipartAsync(owner, Qualification, "Submit",
            new() { ["kind"] = "personal", ["realName"] = "李雷", ["idNumber"] = Submissions.IdNumber },
            ("idCardFront", Submissions.Jpeg), ("idCardBack", Submissions.Jpeg))).StatusCode);
        var page = await owner.HtmlAsync(Qualification);
        Assert.Contains("data-real-person-form", page);
        var id = (await (await tenant.Http.GetAsync("/v1/qualifications")).OkAsync())[0].Str("id");

        Assert.Equal(HttpStatusCode.Redirect, (await PostMultipartAsync(owner, $"{Qualification}", $"RealPerson&id={id}", [], ("selfie", Submissions.Jpeg))).StatusCode);
        var checks = await tenant.RealPersonChecksAsync(id);
        Assert.Equal("selfie", checks[0].Str("mediaField"));
        Assert.DoesNotContain("data-real-person-form", await owner.HtmlAsync(Qualification));
    }

    private static Dictionary<string, string> EnterpriseFields() => new()
    {
        ["kind"] = "enterprise",
        ["companyName"] = Submissions.Company,
        ["creditCode"] = Submissions.CreditCode,
        ["licenceStatus"] = "normal",
        ["establishedOn"] = "2015-06-01",
        ["legalRepName"] = "张三",
        ["legalRepIdNumber"] = Submissions.IdNumber,
        ["industry"] = "E-commerce",
    };

    /// <summary>Posts a page's multipart form (fields and files) with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostMultipartAsync(
        HttpClient client, string path, string handler, Dictionary<string, string> fields, params (string Field, byte[] Content)[] files)
    {
        var form = Submissions.Form(new(fields) { ["__RequestVerificationToken"] = await client.AntiforgeryAsync(path) }, files);
        return await client.PostAsync($"{path}?handler={handler}", form);
    }

    private static int CountOf(string html, string text) => (html.Length - html.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;
}
