using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// The Developers pages: a key or credential made on the page works against the API and is shown that once; a revoked
/// one is refused; the webhook set on the page gets a signed test event; viewers only read; no tenant opens another's
/// delivery.
/// </summary>
public sealed partial class DevelopersPageTests : IAsyncLifetime
{
    private const string Path = "/app/developers";
    private const string WebhookPath = "/app/developers/webhook";

    private SmsVerifyApp _app = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        // The receiver runs on loopback over plain HTTP, which a production server refuses.
        _app = await SmsVerifyApp.StartAsync(new() { ["Webhooks:AllowHttp"] = "true", ["Webhooks:AllowPrivateNetworks"] = "true" });
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AKeyMadeOnThePage_WorksAgainstTheApi_IsShownOnce_AndOnceRevokedIsRefused()
    {
        var tenant = await _app.CreateTenantAsync();
        var (developer, _) = await _app.TenantSignedInAsync(tenant.Id, "developer");

        var created = await developer.PostFormAsync(Path, "CreateKey");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl!.ToString());
        var key = Secret().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("sv_", key);
        var withKey = _app.WithKey(key);
        var keys = await (await withKey.GetAsync("/v1/api-keys")).OkAsync();
        var id = keys.EnumerateArray().Single(k => key.StartsWith(k.Str("prefix"), StringComparison.Ordinal)).Str("id");

        var again = await developer.HtmlAsync(Path);
        Assert.DoesNotContain(key, again);
        Assert.Contains($"data-key=\"{id}\"", again);

        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostFormAsync(Path, $"RevokeKey&id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/v1/api-keys")).StatusCode);
        Assert.DoesNotContain($"data-key=\"{id}\"", await developer.HtmlAsync(Path));
        // Gone already, or another tenant's: not found either way.
        Assert.Equal(HttpStatusCode.NotFound, (await developer.PostFormAsync(Path, $"RevokeKey&id={id}")).StatusCode);
    }

    [Fact]
    public async Task TheLastKey_StaysWithAReason_AndAnotherTenantsKeyIsNotFound()
    {
        var tenant = await _app.CreateTenantAsync();
        var other = await _app.CreateTenantAsync(name: "Other");
        var (owner, _) = await _app.TenantSignedInAsync(tenant.Id, "owner");
        var only = (await (await tenant.Http.GetAsync("/v1/api-keys")).OkAsync())[0].Str("id");
        var othersKey = (await (await other.Http.GetAsync("/v1/api-keys")).OkAsync())[0].Str("id");

        var refused = await owner.PostFormAsync(Path, $"RevokeKey&id={only}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostFormAsync(Path, $"RevokeKey&id={othersKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync("/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task ACredentialMadeOnThePage_ShowsItsSecretOnce_AndIsRevoked()
    {
        var tenant = await _app.CreateTenantAsync();
        var (developer, _) = await _app.TenantSignedInAsync(tenant.Id, "developer");

        var created = await developer.PostFormAsync(Path, "CreateCredential", new() { ["vendor"] = "tencent" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = CredentialSecret().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Equal(32, secret.Length);
        var listed = Assert.Single((await (await tenant.Http.GetAsync("/v1/api-credentials")).OkAsync()).EnumerateArray());
        Assert.Equal(("tencent", JsonValueKind.Null), (listed.Str("vendor"), listed.GetProperty("revokedAt").ValueKind));
        Assert.DoesNotContain(secret, await developer.HtmlAsync(Path));

        var unknown = await developer.PostFormAsync(Path, "CreateCredential", new() { ["vendor"] = "acme" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostFormAsync(Path, $"RevokeCredential&id={listed.Str("id")}")).StatusCode);
        var revoked = Assert.Single((await (await tenant.Http.GetAsync("/v1/api-credentials")).OkAsync()).EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
        Assert.Contains($"data-credential=\"{listed.Str("id")}\" data-revoked=\"true\"", await developer.HtmlAsync(Path));
    }

    [Fact]
    public async Task TheWebhookSetOnThePage_GetsASignedTestEvent_WhoseDeliveryPageShowsIt_ToItsTenantOnly()
    {
        var tenant = await _app.CreateTenantAsync();
        var (developer, _) = await _app.TenantSignedInAsync(tenant.Id, "developer");
        Assert.Equal(HttpStatusCode.NotFound, (await SendTestAsync(developer)).StatusCode);

        var saved = await developer.PostFormAsync(WebhookPath, "Save", new() { ["url"] = _receiver.Url, ["events"] = "review.completed" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var secret = WebhookSecret().Match(await saved.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("whsec_", secret);
        var set = await (await tenant.Http.GetAsync("/v1/webhooks")).OkAsync();
        Assert.Equal((_receiver.Url, "review.completed"), (set.Str("url"), Assert.Single(set.GetProperty("events").EnumerateArray()).GetString()));

        var sent = await (await SendTestAsync(developer)).OkAsync(HttpStatusCode.Accepted);
        Assert.True(sent.GetProperty("ok").GetBoolean());
        await _receiver.NextAsync();
        var (body, signature, eventName) = Assert.Single(_receiver.Requests);
        Assert.Equal(TenantWebhooks.TestEvent, eventName);
        Assert.True(WebhookSigner.Verify(secret, body, signature));
        var deliveryId = sent.Str("deliveryId");
        Assert.Equal(deliveryId, JsonDocument.Parse(body).RootElement.Str("id"));

        var delivery = await WaitForDeliveredAsync(developer, deliveryId);
        Assert.Contains("data-attempts=\"1\"", delivery);
        Assert.Contains(deliveryId, await developer.HtmlAsync(WebhookPath));
        var other = await _app.CreateTenantAsync(name: "Other");
        var (outsider, _) = await _app.TenantSignedInAsync(other.Id, "owner");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/app/developers/deliveries/{deliveryId}")).StatusCode);
        Assert.DoesNotContain(deliveryId, await outsider.HtmlAsync(WebhookPath));

        var rotated = await developer.PostFormAsync(WebhookPath, "Rotate");
        var newSecret = WebhookSecret().Match(await rotated.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEqual(secret, newSecret);
        Assert.StartsWith("whsec_", newSecret);
        Assert.DoesNotContain(newSecret, await developer.HtmlAsync(WebhookPath));
    }

    [Fact]
    public async Task ABadUrl_IsRefusedNextToItsField_AndTestEventsAreLimited()
    {
        var tenant = await _app.CreateTenantAsync();
        var (owner, _) = await _app.TenantSignedInAsync(tenant.Id, "owner");

        var refused = await owner.PostFormAsync(WebhookPath, "Save", new() { ["url"] = "ftp://hooks.example.com/sms" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-problem=\"invalid_argument\" data-field=\"url\"", html);
        Assert.Contains("url must use http", html);
        await (await tenant.Http.GetAsync("/v1/webhooks")).ProblemAsync(HttpStatusCode.NotFound, "webhook_not_configured");

        await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = _receiver.Url })).OkAsync();
        for (var i = 0; i < TenantWebhooks.TestWindow[0].Max; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await SendTestAsync(owner)).StatusCode);
        }
        // The page and the API share the tenant's budget.
        await (await tenant.Http.PostJsonAsync("/v1/webhooks/test", new { })).ProblemAsync(HttpStatusCode.TooManyRequests, "webhook_test_too_soon");
        var tooSoon = await owner.PostFormAsync(WebhookPath, "Test");
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Contains("role=\"status\"", await tooSoon.Content.ReadAsStringAsync());
        Assert.Contains("data-limit=\"webhook-test\" data-used=\"5\"", await owner.HtmlAsync("/app/developers/limits"));
    }

    [Fact]
    public async Task AViewer_ReadsEveryDevelopersPage_ButEveryPostIsRefused()
    {
        var tenant = await _app.CreateTenantAsync();
        await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = _receiver.Url })).OkAsync();
        var (viewer, _) = await _app.TenantSignedInAsync(tenant.Id, "viewer");
        var keyId = (await (await tenant.Http.GetAsync("/v1/api-keys")).OkAsync())[0].Str("id");

        Assert.DoesNotContain("handler=CreateKey", await viewer.HtmlAsync(Path));
        Assert.DoesNotContain("handler=Test", await viewer.HtmlAsync(WebhookPath));
        Assert.DoesNotContain("handler=Captcha", await viewer.HtmlAsync("/app/developers/limits"));
        foreach (var (path, handler, fields) in new (string, string, Dictionary<string, string>)[]
        {
            (Path, "CreateKey", []),
            (Path, $"RevokeKey&id={keyId}", []),
            (Path, "CreateCredential", new() { ["vendor"] = "alibaba" }),
            (WebhookPath, "Save", new() { ["url"] = "https://hooks.example.com/x" }),
            (WebhookPath, "Rotate", []),
            (WebhookPath, "Test", []),
            ("/app/developers/limits", "Captcha", new() { ["policy"] = "always" }),
        })
        {
            var refused = await viewer.PostFormAsync(path, handler, fields);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/app/denied", refused.Headers.Location!.ToString());
        }
        Assert.Single((await (await tenant.Http.GetAsync("/v1/api-keys")).OkAsync()).EnumerateArray());
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/webhooks/deliveries")).OkAsync()).EnumerateArray());
        Assert.Equal("off", (await (await tenant.Http.GetAsync("/v1/captcha/policy")).OkAsync()).Str("policy"));
    }

    [Fact]
    public async Task TheLimitsPage_ShowsHowFullANumberIs_AndADeveloperSetsTheCaptchaPolicy()
    {
        var tenant = await _app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800000051");
        await tenant.StartOkAsync("+8613800000051");
        var (developer, _) = await _app.TenantSignedInAsync(tenant.Id, "developer");

        var page = await developer.HtmlAsync("/app/developers/limits?phone=138%200000%200051");
        Assert.Contains("data-phone=\"+8613800000051\"", page);
        Assert.Contains("data-window=\"60\" data-used=\"1\"", page);
        Assert.Contains("data-window=\"wrong-codes\" data-used=\"0\"", page);
        Assert.Equal(HttpStatusCode.BadRequest, (await developer.GetAsync("/app/developers/limits?phone=12")).StatusCode);
        // Another tenant's counters for the same number are its own.
        var other = await _app.CreateTenantAsync(name: "Other");
        var (outsider, _) = await _app.TenantSignedInAsync(other.Id, "viewer");
        Assert.Contains("data-window=\"60\" data-used=\"0\"", await outsider.HtmlAsync("/app/developers/limits?phone=%2B8613800000051"));

        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostFormAsync("/app/developers/limits", "Captcha", new() { ["policy"] = "on-risk" })).StatusCode);
        Assert.Equal("on-risk", (await (await tenant.Http.GetAsync("/v1/captcha/policy")).OkAsync()).Str("policy"));
        Assert.Contains("data-limit=\"risk\"", await developer.HtmlAsync("/app/developers/limits"));
        Assert.Equal(HttpStatusCode.BadRequest, (await developer.PostFormAsync("/app/developers/limits", "Captcha", new() { ["policy"] = "sometimes" })).StatusCode);
    }

    private async Task<string> WaitForDeliveredAsync(HttpClient client, string deliveryId)
    {
        // The dispatcher records the attempt just after the receiver answered; poll briefly for it.
        for (var i = 0; i < 300; i++)
        {
            var page = await client.HtmlAsync($"/app/developers/deliveries/{deliveryId}");
            if (page.Contains("data-status=\"delivered\"", StringComparison.Ordinal))
            {
                return page;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The delivery was never recorded as delivered.");
    }

    /// <summary>"Send a test event" as the page's script posts it: the form with its token, asking for JSON.</summary>
    private static async Task<HttpResponseMessage> SendTestAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{WebhookPath}?handler=Test")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await client.AntiforgeryAsync(WebhookPath) }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await client.SendAsync(request);
    }

    [GeneratedRegex("<code id=\"secret\"[^>]*>([^<]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("<code id=\"credential-secret\"[^>]*>([^<]+)</code>")]
    private static partial Regex CredentialSecret();

    [GeneratedRegex("<code id=\"webhook-secret\"[^>]*>([^<]+)</code>")]
    private static partial Regex WebhookSecret();
}
