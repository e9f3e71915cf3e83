using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>Every console page and action refused to the wrong role and to a signed-out browser; forms need their antiforgery token.</summary>
public sealed class ConsoleAuthorizationTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private async Task<string> PendingQualificationAsync()
    {
        var tenant = await app.CreateTenantAsync();
        return (await (await tenant.Http.PostAsync("/v1/qualifications", Submissions.Enterprise(licence: LicenceImage.Png()))).OkAsync(HttpStatusCode.Created)).Str("id");
    }

    [Fact]
    public async Task Documents_AreServedToASignedInAuditor_Only()
    {
        var id = await PendingQualificationAsync();
        var path = $"/console/review/{id}?handler=Document&field=licence";

        var signedOut = await app.ConsoleClient().GetAsync(path);
        var risk = await (await app.SignedInAsync("risk")).GetAsync(path);
        var auditor = await (await app.SignedInAsync("auditor")).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/console/sign-in", signedOut.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, risk.StatusCode);
        Assert.Contains("/console/denied", risk.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
        Assert.Equal("image/png", auditor.Content.Headers.ContentType!.MediaType);
        Assert.Equal(LicenceImage.Png(), await auditor.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-store", auditor.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Decisions_NeedTheAntiforgeryToken_AndTheAuditorRole()
    {
        var id = await PendingQualificationAsync();
        var auditor = await app.SignedInAsync("auditor");
        var risk = await app.SignedInAsync("risk");
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["note"] = "ok" });

        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.PostAsync($"/console/review/{id}?handler=Approve", form)).StatusCode);
        var riskToken = await risk.AntiforgeryAsync("/console");
        var byRisk = await risk.PostAsync($"/console/review/{id}?handler=Approve",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = riskToken }));
        Assert.Equal(HttpStatusCode.Redirect, byRisk.StatusCode);
        Assert.Contains("/console/denied", byRisk.Headers.Location!.ToString());

        Assert.Equal("pending_review", (await (await app.Operator().GetAsync($"/v1/review/items/{id}")).OkAsync()).GetProperty("submission").Str("status"));
    }

    [Fact]
    public async Task TheJsonApi_DoesNotTakeTheConsoleCookie()
    {
        var auditor = await app.SignedInAsync("admin");

        var answer = await auditor.GetAsync("/v1/review/items");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Fact]
    public async Task AnApiKey_DoesNotOpenTheConsole()
    {
        var withKey = app.ConsoleClient();
        withKey.DefaultRequestHeaders.Authorization = new("Bearer", SmsVerifyApp.OperatorKey);

        var answer = await withKey.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/console/sign-in", answer.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TheSessionCookie_IsHttpOnly_SameSiteStrict_AndScopedToTheConsole()
    {
        var person = await app.CreatePersonAsync("auditor");
        var answer = await app.ConsoleClient().SignInAsync(person, person.CodeAt(app.Clock.GetUtcNow()));

        var cookie = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smsverify-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnIdleSession_Ends()
    {
        var client = await app.SignedInAsync("auditor");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/console")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
    }
}
