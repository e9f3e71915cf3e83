using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.SmppGateway;
using SmsVerify.Server.Tests.SmppGateway;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Codec;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// The SMPP accounts page: an account made or re-passworded on the page shows its password that once and binds with
/// it; a refused change shows the service's problem and changes nothing; no tenant reaches another's account; viewers
/// only read; the page says where the listener is, in Chinese unless asked for English.
/// </summary>
public sealed partial class SmppPageTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Path = "/app/developers/smpp";

    [Fact]
    public async Task AnAccountMadeOnThePage_ShowsItsPasswordOnce_AndAGatewayBindsWithIt()
    {
        var tenant = await app.CreateTenantAsync();
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");
        var systemId = NewSystemId();

        var created = await developer.PostFormAsync(Path, "Save", new()
        {
            ["systemId"] = systemId,
            ["allowedAddresses"] = "127.0.0.1, 203.0.113.0/24",
            ["maxBinds"] = "3",
            ["window"] = "10",
            ["messagesPerSecond"] = "50",
            ["receivesReplies"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl!.ToString());
        var html = await created.Content.ReadAsStringAsync();
        var password = Password().Match(html).Groups[1].Value;
        Assert.Equal(SmppAccount.PasswordLength, password.Length);
        Assert.DoesNotContain("data-reset", html);

        var listed = Assert.Single((await (await tenant.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray());
        Assert.Equal((systemId, 3, 10, 50, true), (listed.Str("systemId"), listed.GetProperty("maxBinds").GetInt32(), listed.GetProperty("window").GetInt32(),
            listed.GetProperty("messagesPerSecond").GetInt32(), listed.GetProperty("receivesReplies").GetBoolean()));
        Assert.Equal(["127.0.0.1/32", "203.0.113.0/24"], listed.GetProperty("allowedAddresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("password").ValueKind);
        var again = await developer.HtmlAsync(Path);
        Assert.DoesNotContain(password, again);
        Assert.Contains($"data-account=\"{listed.Str("id")}\" data-system-id=\"{systemId}\"", again);
        Assert.Contains("data-addresses=\"127.0.0.1/32 203.0.113.0/24\"", again);

        await using var gateway = app.SmppClient(systemId, password);
        await gateway.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ABadChange_IsRefusedNextToItsField_AndChangesNothing_WhileAGoodOneIsSaved()
    {
        var tenant = await app.CreateTenantAsync();
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var (id, _) = await CreateAsync(tenant, new { allowedAddresses = new[] { "198.51.100.0/24" }, window = 10 });

        var editor = await owner.HtmlAsync($"{Path}?id={id}");
        Assert.Contains($"name=\"id\" value=\"{id}\"", editor);
        Assert.Contains(">198.51.100.0/24</textarea>", editor);

        foreach (var (field, fields) in new (string, Dictionary<string, string>)[]
        {
            ("allowedAddresses", new() { ["allowedAddresses"] = "203.0.113.0/33", ["window"] = "20" }),
            ("window", new() { ["allowedAddresses"] = "203.0.113.0/24", ["window"] = "many" }),
            ("maxBinds", new() { ["maxBinds"] = "17", ["window"] = "20" }),
        })
        {
            var refused = await owner.PostFormAsync(Path, $"Save&id={id}", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains($"data-problem=\"invalid_argument\" data-field=\"{field}\"", html);
            // The editor keeps what was typed, for the person to correct.
            Assert.Contains($"value=\"{fields["window"]}\"", html);
        }
        var kept = await (await tenant.Http.GetAsync($"/v1/smpp/accounts/{id}")).OkAsync();
        Assert.Equal((10, "198.51.100.0/24"), (kept.GetProperty("window").GetInt32(), Assert.Single(kept.GetProperty("allowedAddresses").EnumerateArray()).GetString()));

        // The whole form is posted, so an unticked box turns replies off and empty addresses allow any.
        var saved = await owner.PostFormAsync(Path, $"Save&id={id}", new() { ["allowedAddresses"] = "", ["maxBinds"] = "4", ["window"] = "20", ["messagesPerSecond"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changed = await (await tenant.Http.GetAsync($"/v1/smpp/accounts/{id}")).OkAsync();
        Assert.Equal((4, 20, 5, false), (changed.GetProperty("maxBinds").GetInt32(), changed.GetProperty("window").GetInt32(),
            changed.GetProperty("messagesPerSecond").GetInt32(), changed.GetProperty("receivesReplies").GetBoolean()));
        Assert.Empty(changed.GetProperty("allowedAddresses").EnumerateArray());
    }

    [Fact]
    public async Task ATakenSystemId_IsRefusedWithTheApisCode()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync(name: "Other");
        var (taken, _) = await other.CreateSmppAccountAsync();
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");

        var refused = await developer.PostFormAsync(Path, "Save", new() { ["systemId"] = taken });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-problem=\"smpp_system_id_taken\"", html);
        Assert.DoesNotContain("id=\"smpp-password\"", html);
        Assert.Empty((await (await tenant.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray());
    }

    [Fact]
    public async Task ANewPassword_IsShownOnce_AndTheOldOneNoLongerBinds()
    {
        var tenant = await app.CreateTenantAsync();
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");
        var (id, old) = await CreateAsync(tenant);
        var systemId = (await (await tenant.Http.GetAsync($"/v1/smpp/accounts/{id}")).OkAsync()).Str("systemId");

        var reset = await developer.PostFormAsync(Path, $"ResetPassword&id={id}");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("no-store", reset.Headers.CacheControl!.ToString());
        var html = await reset.Content.ReadAsStringAsync();
        Assert.Contains($"data-new-password=\"{id}\"", html);
        Assert.Contains("<span data-reset=\"true\">用旧密码建立的连接已被断开。</span>", html);
        var password = Password().Match(html).Groups[1].Value;
        Assert.Equal(SmppAccount.PasswordLength, password.Length);
        Assert.NotEqual(old, password);
        Assert.DoesNotContain(password, await developer.HtmlAsync(Path));

        await using var stale = app.SmppClient(systemId, old);
        var refused = await Assert.ThrowsAsync<SmppBindException>(() => stale.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(CommandStatus.InvalidPassword, refused.CommandStatus);
        await using var gateway = app.SmppClient(systemId, password);
        await gateway.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ADeletedAccount_IsGone_AndDeletingItAgainIsNotFound()
    {
        var tenant = await app.CreateTenantAsync();
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var (id, _) = await CreateAsync(tenant);
        Assert.Contains($"data-account=\"{id}\"", await owner.HtmlAsync(Path));

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(Path, $"Delete&id={id}")).StatusCode);

        await (await tenant.Http.GetAsync($"/v1/smpp/accounts/{id}")).ProblemAsync(HttpStatusCode.NotFound, "smpp_account_not_found");
        Assert.DoesNotContain($"data-account=\"{id}\"", await owner.HtmlAsync(Path));
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=smpp_account:{id}")).OkAsync();
        var deleted = Assert.Single(trail.EnumerateArray(), r => r.Str("action") == "smpp_account.deleted");
        Assert.StartsWith($"tenant:{tenant.Id}/user:", deleted.Str("actor"));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostFormAsync(Path, $"Delete&id={id}")).StatusCode);
    }

    [Fact]
    public async Task AnotherTenantsAccount_IsNotFound_ForEveryForm_AndStaysAsItWas()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync(name: "Other");
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var (id, password) = await CreateAsync(other, new { window = 10 });
        var systemId = (await (await other.Http.GetAsync($"/v1/smpp/accounts/{id}")).OkAsync()).Str("systemId");

        Assert.DoesNotContain(systemId, await owner.HtmlAsync(Path));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"{Path}?id={id}")).StatusCode);
        foreach (var handler in new[] { $"Save&id={id}", $"ResetPassword&id={id}", $"Delete&id={id}" })
        {
            var refused = await owner.PostFormAsync(Path, handler, new() { ["window"] = "20" });
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("id=\"smpp-password\"", await refused.Content.ReadAsStringAsync());
        }

        var kept = await (await other.Http.GetAsync($"/v1/smpp/accounts/{id}")).OkAsync();
        Assert.Equal(10, kept.GetProperty("window").GetInt32());
        await using var gateway = app.SmppClient(systemId, password);
        await gateway.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AViewer_ReadsTheAccounts_ButEveryPostIsRefused()
    {
        var tenant = await app.CreateTenantAsync();
        var (id, _) = await CreateAsync(tenant, new { window = 10 });
        var (viewer, _) = await app.TenantSignedInAsync(tenant.Id, "viewer");

        var page = await viewer.HtmlAsync(Path);
        Assert.Contains($"data-account=\"{id}\"", page);
        Assert.DoesNotContain("handler=Save", page);
        Assert.DoesNotContain("handler=ResetPassword", page);
        Assert.DoesNotContain("handler=Delete", page);
        Assert.DoesNotContain("id=\"smpp-form\"", await viewer.HtmlAsync($"{Path}?id={id}"));
        foreach (var handler in new[] { "Save", $"Save&id={id}", $"ResetPassword&id={id}", $"Delete&id={id}" })
        {
            var refused = await viewer.PostFormAsync(Path, handler, new() { ["systemId"] = NewSystemId(), ["window"] = "20" });
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/app/denied", refused.Headers.Location!.ToString());
        }
        var kept = Assert.Single((await (await tenant.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray());
        Assert.Equal(10, kept.GetProperty("window").GetInt32());
    }

    [Fact]
    public async Task ThePage_SaysWhereTheListenerIs_InChineseByDefault_AndInEnglishOnRequest()
    {
        var tenant = await app.CreateTenantAsync();
        var (viewer, _) = await app.TenantSignedInAsync(tenant.Id, "viewer");
        var port = app.Services.GetRequiredService<SmppListener>().EndPoint!.Port;

        var chinese = await viewer.HtmlAsync(Path);
        Assert.Contains("<h1>SMPP 账号</h1>", chinese);
        Assert.Contains("网关绑定地址", chinese);
        Assert.Contains("还没有 SMPP 账号。", chinese);
        Assert.Contains("<code id=\"smpp-host\">127.0.0.1</code>", chinese);
        Assert.Contains($"<code id=\"smpp-port\">{port}</code>", chinese);
        Assert.Contains("data-loopback=\"true\"", chinese);
        Assert.DoesNotContain("smpp-tls-port", chinese);
        Assert.Contains("aria-current=\"page\">SMPP 账号</a>", chinese);

        var english = await viewer.HtmlAsync($"{Path}?culture=en");
        Assert.Contains("<h1>SMPP accounts</h1>", english);
        Assert.Contains("Where your gateway binds", english);
    }

    [Fact]
    public async Task OnAServerListeningEverywhereWithTls_ThePageNamesTheConsolesHostAndTheTlsPort()
    {
        await using var tls = await SmsVerifyApp.StartAsync(new()
        {
            ["SmppListener:Address"] = "0.0.0.0",
            ["SmppListener:CertificatePath"] = SmppGateways.TestCertificateFile(),
            ["SmppListener:CertificatePassword"] = "test",
            ["SmppListener:TlsPort"] = "0",
        });
        var tenant = await tls.CreateTenantAsync();
        var (viewer, _) = await tls.TenantSignedInAsync(tenant.Id, "viewer");

        var page = await viewer.HtmlAsync($"{Path}?culture=en");

        Assert.Contains("<code id=\"smpp-host\">localhost</code>", page);
        Assert.Contains($"<code id=\"smpp-tls-port\">{tls.Services.GetRequiredService<SmppListener>().TlsEndPoint!.Port}</code>", page);
        Assert.DoesNotContain("data-loopback", page);
    }

    [Fact]
    public async Task WithTheListenerOff_ThePageSaysSo()
    {
        await using var off = await SmsVerifyApp.StartAsync(new() { ["SmppListener:Enabled"] = "false" });
        var tenant = await off.CreateTenantAsync();
        var (developer, _) = await off.TenantSignedInAsync(tenant.Id, "developer");

        var page = await developer.HtmlAsync(Path);

        Assert.Contains("data-listener=\"off\"", page);
        Assert.Contains("本服务器未开启 SMPP 接入", page);
        Assert.DoesNotContain("smpp-port", page);
    }

    private static string NewSystemId() => "gw" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>An account made through the API, as a tenant's script would: its id and password.</summary>
    private static async Task<(string Id, string Password)> CreateAsync(TestTenant tenant, object? settings = null)
    {
        var (systemId, password) = await tenant.CreateSmppAccountAsync(settings);
        var listed = (await (await tenant.Http.GetAsync("/v1/smpp/accounts")).OkAsync()).EnumerateArray();
        return (listed.Single(a => a.Str("systemId") == systemId).Str("id"), password);
    }

    [GeneratedRegex("<code id=\"smpp-password\"[^>]*>([^<]+)</code>")]
    private static partial Regex Password();
}
