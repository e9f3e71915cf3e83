using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>A console person as a test makes one: through the operators API with the operator key, as an admin would.</summary>
public sealed record ConsolePerson(string Id, string UserName, string Password, string Secret, string Role)
{
    /// <summary>The code the person's authenticator shows at the server's (fake) time.</summary>
    public string CodeAt(DateTimeOffset time, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp(time.UtcDateTime.AddSeconds(30 * steps));
}

public static partial class ConsolePeople
{
    public const string Password = "correct horse battery staple";

    public static async Task<ConsolePerson> CreatePersonAsync(this SmsVerifyApp app, string role, string? userName = null)
    {
        userName ??= $"{role}-{Guid.NewGuid():N}"[..20];
        var created = await (await app.Operator().PostJsonAsync("/v1/operators/accounts",
            new { userName, displayName = $"{role} person", role, password = Password })).OkAsync(HttpStatusCode.Created);
        return new ConsolePerson(created.GetProperty("operator").Str("id"), userName, Password, created.GetProperty("secondFactor").Str("secret"), role);
    }

    /// <summary>A browser-like client: it keeps cookies and does not follow redirects, so tests see where it is sent.</summary>
    public static HttpClient ConsoleClient(this SmsVerifyApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The hidden antiforgery field of the first form on the page.</summary>
    public static async Task<string> AntiforgeryAsync(this HttpClient client, string path)
    {
        var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        return Token().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {path}:\n{html}");
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, ConsolePerson person, string code, string? password = null)
    {
        var token = await client.AntiforgeryAsync("/console/sign-in");
        return await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = person.UserName,
            ["password"] = password ?? person.Password,
            ["code"] = code,
        }));
    }

    /// <summary>A client signed in as a new person of <paramref name="role"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(this SmsVerifyApp app, string role)
    {
        var person = await app.CreatePersonAsync(role);
        var client = app.ConsoleClient();
        var answer = await client.SignInAsync(person, person.CodeAt(app.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
