using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// The Sandbox page: the tenant's test numbers with their fixed codes and inboxes; owners and developers add and
/// delete numbers and send a test code, which arrives in the inbox the page polls; viewers only look; no tenant
/// reaches another's numbers or messages.
/// </summary>
public sealed class SandboxPageTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Path = "/app/sandbox";

    [Fact]
    public async Task Numbers_AreListedWithTheirFixedCodes_AndADeveloperAddsAndDeletesThem()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800000001", fixedCode: "123456");
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");

        var page = await PageAsync(developer);
        Assert.Contains("data-phone=\"+8613800000001\"", page);
        Assert.Contains("data-fixed-code=\"123456\"", page);

        var added = await developer.PostFormAsync(Path, "Add", new() { ["phone"] = "138 0000 0002", ["fixedCode"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var numbers = await NumbersAsync(tenant);
        Assert.Equal(["+8613800000001", "+8613800000002"], numbers.Select(n => n.Str("phone")));
        Assert.Equal(JsonValueKind.Null, numbers[1].GetProperty("fixedCode").ValueKind);

        var again = await developer.PostFormAsync(Path, "Add", new() { ["phone"] = "+8613800000002" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("role=\"alert\"", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await developer.PostFormAsync(Path, "Add", new() { ["phone"] = "+8613800000003", ["fixedCode"] = "12" })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostFormAsync(Path, "Delete", new() { ["phone"] = "+8613800000001" })).StatusCode);
        Assert.Equal(["+8613800000002"], (await NumbersAsync(tenant)).Select(n => n.Str("phone")));
        Assert.Equal(HttpStatusCode.NotFound, (await developer.PostFormAsync(Path, "Delete", new() { ["phone"] = "+8613800000001" })).StatusCode);
        Assert.DoesNotContain("data-phone=\"+8613800000001\"", await PageAsync(developer));
    }

    [Fact]
    public async Task SendATestCode_StartsAVerification_WhoseCodeTheInboxHandlerShows_AndChecks()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800000011");
        await tenant.RegisterNumberAsync("+8613800000012", fixedCode: "654321");
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var since = Since(await PageAsync(owner));

        var sent = await (await SendCodeAsync(owner, "+8613800000011")).OkAsync();
        Assert.True(sent.GetProperty("ok").GetBoolean());
        var fixedSent = await (await SendCodeAsync(owner, "+8613800000012")).OkAsync();

        var inbox = await (await owner.GetAsync($"{Path}?handler=Inbox&since={since}")).OkAsync();
        var messages = inbox.GetProperty("messages").EnumerateArray().ToList();
        var random = messages.Single(m => m.Str("to") == "+8613800000011");
        Assert.Equal("SmsVerify", random.Str("signature"));
        Assert.Equal(await tenant.LatestCodeAsync("+8613800000011"), random.Str("code"));
        Assert.Equal("654321", messages.Single(m => m.Str("to") == "+8613800000012").Str("code"));

        // A real verification, as POST /v1/verifications makes: the code from the inbox approves it.
        var checkedCode = await (await tenant.CheckAsync(sent.Str("verificationId"), random.Str("code"))).OkAsync();
        Assert.Equal("approved", checkedCode.Str("status"));
        Assert.Equal("approved", (await (await tenant.CheckAsync(fixedSent.Str("verificationId"), "654321")).OkAsync()).Str("status"));

        // The page draws the same message with its code marked; a second code within the cool-down is refused, said why.
        Assert.Contains("<mark class=\"code\">654321</mark>", await PageAsync(owner));
        var tooSoon = await SendCodeAsync(owner, "+8613800000012");
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.False((await tooSoon.JsonAsync()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task SendATestCode_AsAPlainForm_ShowsTheOutcomeOnThePage()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800000021", fixedCode: "2468");
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");

        var sent = await developer.PostFormAsync(Path, "SendCode", new() { ["phone"] = "+8613800000021" });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var page = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        Assert.Contains("role=\"status\">", page);
        Assert.Contains("<mark class=\"code\">2468</mark>", page);
        Assert.Equal("2468", await tenant.LatestCodeAsync("+8613800000021"));
        // Not a test number of this tenant: nothing is sent.
        Assert.Equal(HttpStatusCode.NotFound, (await developer.PostFormAsync(Path, "SendCode", new() { ["phone"] = "+8613912345678" })).StatusCode);
    }

    [Fact]
    public async Task AMessageWithAWebOtpLineAndAnAppHash_ShowsTheOriginAndTheHash_OnThePageAndToItsScript()
    {
        var sender = await app.CreateLiveSenderAsync();
        await sender.Tenant.ApproveWebsiteAsync(app);
        await sender.Tenant.ApproveAndroidAppAsync(app, ApprovedApps.Hash);
        var template = await sender.Tenant.CreateApprovedTemplateAsync(app, $"您正在登录某某商城，验证码为${{code}}，5分钟内有效。\n@{ApprovedApps.Domain} #${{code}}");
        await sender.Tenant.RegisterNumberAsync("+8613800000051", fixedCode: "864213");
        var (viewer, _) = await app.TenantSignedInAsync(sender.Tenant.Id, "viewer");
        var since = Since(await PageAsync(viewer));

        await (await sender.Http.PostJsonAsync("/v1/verifications",
            new { to = "+8613800000051", signature = sender.Signature, template, appHash = ApprovedApps.Hash })).OkAsync(HttpStatusCode.Created);

        var page = WebUtility.HtmlDecode(await PageAsync(viewer));
        Assert.Contains($"data-webotp=\"https://{ApprovedApps.Domain}\"", page);
        Assert.Contains($"WebOTP：浏览器会为 https://{ApprovedApps.Domain} 自动填入验证码", page);
        Assert.Contains($"data-app-hash=\"{ApprovedApps.Hash}\"", page);
        Assert.Contains("<mark class=\"code\">864213</mark>", page);
        var arrived = (await (await viewer.GetAsync($"{Path}?handler=Inbox&since={since}")).OkAsync()).GetProperty("messages")[0];
        Assert.Equal(($"https://{ApprovedApps.Domain}", ApprovedApps.Hash, "864213"), (arrived.Str("webOtpOrigin"), arrived.Str("appHash"), arrived.Str("code")));
    }

    [Fact]
    public async Task AViewer_SeesNumbersAndInboxes_ButCannotAddDeleteOrSend()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800000031", fixedCode: "1357");
        await tenant.StartOkAsync("+8613800000031");
        var (viewer, _) = await app.TenantSignedInAsync(tenant.Id, "viewer");

        var page = await PageAsync(viewer);
        Assert.Contains("data-phone=\"+8613800000031\"", page);
        Assert.Contains("<mark class=\"code\">1357</mark>", page);
        Assert.DoesNotContain("handler=SendCode", page);
        Assert.DoesNotContain("handler=Add", page);

        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Add", new() { ["phone"] = "+8613800000032" }),
            ("Delete", new() { ["phone"] = "+8613800000031" }),
            ("SendCode", new() { ["phone"] = "+8613800000031" }),
        })
        {
            var refused = await viewer.PostFormAsync(Path, handler, fields);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/app/denied", refused.Headers.Location!.ToString());
        }
        Assert.Equal(["+8613800000031"], (await NumbersAsync(tenant)).Select(n => n.Str("phone")));
        Assert.Single((await tenant.InboxAsync("+8613800000031")).EnumerateArray());
    }

    [Fact]
    public async Task AnotherTenant_NeitherSeesNorTouchesTheNumbersOrTheirMessages()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800000041", fixedCode: "9753");
        var other = await app.CreateTenantAsync(name: "Other");
        await other.RegisterNumberAsync("+8613800000042");
        var (outsider, _) = await app.TenantSignedInAsync(other.Id, "owner");
        var since = Since(await PageAsync(outsider));
        await tenant.StartOkAsync("+8613800000041");

        Assert.DoesNotContain("+8613800000041", await PageAsync(outsider));
        var inbox = await (await outsider.GetAsync($"{Path}?handler=Inbox&since={since}")).OkAsync();
        Assert.Empty(inbox.GetProperty("messages").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostFormAsync(Path, "Delete", new() { ["phone"] = "+8613800000041" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendCodeAsync(outsider, "+8613800000041")).StatusCode);
        Assert.Single(await NumbersAsync(tenant), n => n.Str("phone") == "+8613800000041");
        Assert.Single((await tenant.InboxAsync("+8613800000041")).EnumerateArray());
        // Nor does anyone signed out: the inbox's handler is behind the same sign-in as the page.
        var signedOut = await app.ConsoleClient().GetAsync($"{Path}?handler=Inbox&since={since}");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/app/sign-in", signedOut.Headers.Location!.ToString());
    }

    private static Task<string> PageAsync(HttpClient client) => client.HtmlAsync(Path);

    private static async Task<List<JsonElement>> NumbersAsync(TestTenant tenant) =>
        [.. (await (await tenant.Http.GetAsync("/v1/sandbox/numbers")).OkAsync()).EnumerateArray()];

    /// <summary>Where the page's script starts polling, as the page wrote it.</summary>
    private static string Since(string page) => System.Text.RegularExpressions.Regex.Match(page, "data-since=\"(\\d+)\"").Groups[1].Value;

    /// <summary>"Send a test code" as the page's script posts it: the form with its token, asking for JSON.</summary>
    private static async Task<HttpResponseMessage> SendCodeAsync(HttpClient client, string phone)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Path}?handler=SendCode")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await client.AntiforgeryAsync(Path),
                ["phone"] = phone,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await client.SendAsync(request);
    }
}
