using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>A tenant's person as a test makes one: invited through the operator API, joined through the invitation page.</summary>
public sealed record TenantPerson(Guid TenantId, string Email, string Password, string Role)
{
    /// <summary>Set once the person turned on the second factor.</summary>
    public string? Secret { get; set; }

    public string CodeAt(DateTimeOffset time) => new Totp(Base32Encoding.ToBytes(Secret!)).ComputeTotp(time.UtcDateTime);
}

public static partial class TenantPeople
{
    public const string Password = "tenant horse battery staple";

    /// <summary>An invitation made by an admin key: the link path (<c>/app/invitation/…</c>).</summary>
    public static async Task<string> InviteAsync(this SmsVerifyApp app, Guid tenantId, string role, string email) =>
        (await (await app.Operator().PostJsonAsync($"/v1/tenants/{tenantId}/invitations", new { email, role })).OkAsync(HttpStatusCode.Created))
        .Str("link");

    /// <summary>Opens the invitation page and joins with a password; the client is then signed in.</summary>
    public static async Task<HttpResponseMessage> JoinAsync(this HttpClient client, string link, string password = Password, string? displayName = null)
    {
        var token = await client.AntiforgeryAsync(link);
        return await client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["displayName"] = displayName ?? "",
            ["password"] = password,
        }));
    }

    /// <summary>A client signed in as a new person of <paramref name="role"/> at the tenant.</summary>
    public static async Task<(HttpClient Client, TenantPerson Person)> TenantSignedInAsync(this SmsVerifyApp app, Guid tenantId, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}"[..20] + "@example.com";
        var client = app.ConsoleClient();
        var joined = await client.JoinAsync(await app.InviteAsync(tenantId, role, email));
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("/app", joined.Headers.Location!.ToString());
        return (client, new TenantPerson(tenantId, email, Password, role));
    }

    public static async Task<HttpResponseMessage> TenantSignInAsync(this HttpClient client, TenantPerson person, string? code = null, string? password = null)
    {
        var token = await client.AntiforgeryAsync("/app/sign-in");
        return await client.PostAsync("/app/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = person.Email,
            ["password"] = password ?? person.Password,
            ["code"] = code ?? "",
        }));
    }

    /// <summary>A new person of the tenant joins through their invitation link in the browser, then opens <paramref name="path"/>.</summary>
    public static async Task<IPage> TenantSignedInPageAsync(this BrowserFixture browser, ConsoleServer server, Guid tenantId, string role, string path)
    {
        var link = await server.App.InviteAsync(tenantId, role, $"{role}-{Guid.NewGuid():N}"[..20] + "@example.com");
        var page = await browser.NewPageAsync(server.BaseUrl);
        await page.GotoAsync(link);
        await page.FillAsync("#displayName", $"A {role}");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/app", StringComparison.Ordinal));
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>The tenant's submission of <paramref name="kind"/> waiting in the operators' review queue.</summary>
    public static async Task<System.Text.Json.JsonElement> QueuedAsync(this HttpClient auditor, string kind, Guid tenantId) =>
        (await (await auditor.GetAsync($"/v1/review/items?kind={kind}")).OkAsync()).EnumerateArray()
            .Single(i => i.GetProperty("tenantId").GetGuid() == tenantId);

    /// <summary>Posts a form of the page at <paramref name="path"/> with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string handler, Dictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = await client.AntiforgeryAsync(path) };
        return await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(form));
    }

    /// <summary>The secret shown while setting up the second factor, and the sealed value the form carries back.</summary>
    public static (string Secret, string Pending) PendingSecondFactor(string html) =>
        (SecretShown().Match(html).Groups[1].Value, PendingField().Match(html).Groups[1].Value);

    [GeneratedRegex("<code id=\"secret\">([A-Z2-7]+)</code>")]
    private static partial Regex SecretShown();

    [GeneratedRegex("name=\"pending\" value=\"([^\"]+)\"")]
    private static partial Regex PendingField();
}
