using System.Net;
using System.Text.RegularExpressions;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>How a tenant's people arrive and sign in: a one-time invitation, a password, an optional second factor the owners can require.</summary>
public sealed class TenantSignInTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task AnInvitation_NamesTheTenant_JoinsOnce_AndThePersonSignsInAgainWithTheirPassword()
    {
        var tenant = await app.CreateTenantAsync(name: "Invited Co");
        var link = await app.InviteAsync(tenant.Id, "owner", "Owner@Example.com");
        var browser = app.ConsoleClient();

        var page = await (await browser.GetAsync(link)).Content.ReadAsStringAsync();
        Assert.Contains("Invited Co", page);
        Assert.Contains("owner@example.com", page);
        var joined = await browser.JoinAsync(link, displayName: "小王");
        Assert.Equal("/app", joined.Headers.Location!.ToString());
        var home = await browser.GetAsync("/app");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("小王", await home.Content.ReadAsStringAsync());

        // Spent: the link opens nothing more, for anyone.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ConsoleClient().GetAsync(link)).StatusCode);
        var late = app.ConsoleClient();
        var spent = await late.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await late.AntiforgeryAsync("/app/sign-in"),
            ["password"] = "another long password",
        }));
        Assert.Equal(HttpStatusCode.NotFound, spent.StatusCode);

        var again = app.ConsoleClient();
        var person = new TenantPerson(tenant.Id, "owner@example.com", TenantPeople.Password, "owner");
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.TenantSignInAsync(person, password: "not the password at all")).StatusCode);
        var signedIn = await again.TenantSignInAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/app")).StatusCode);
    }

    [Fact]
    public async Task AnAdmin_InvitesTheOwnerFromTheOperatorConsole_AndSeesThemJoin()
    {
        var tenant = await app.CreateTenantAsync(name: "Console Invited");
        var admin = await app.SignedInAsync("admin");
        var page = $"/console/tenants/{tenant.Id}";
        var invited = await admin.PostFormAsync(page, "Invite", new() { ["email"] = "boss@invited.example", ["role"] = "owner" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var link = new Uri(Regex.Match(await invited.Content.ReadAsStringAsync(), "<code id=\"invitation-link\"[^>]*>([^<]+)</code>").Groups[1].Value).PathAndQuery;
        Assert.DoesNotContain(link, await (await admin.GetAsync(page)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await app.ConsoleClient().JoinAsync(link)).StatusCode);
        Assert.Contains("data-person=\"boss@invited.example\"", await (await admin.GetAsync(page)).Content.ReadAsStringAsync());
        // An auditor may not invite anyone.
        var auditor = await app.SignedInAsync("auditor");
        var refused = await auditor.PostAsync($"{page}?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await auditor.AntiforgeryAsync("/console"),
            ["email"] = "x@invited.example",
            ["role"] = "owner",
        }));
        Assert.Contains("/console/denied", refused.Headers.Location!.ToString());
    }

    [Fact]
    public async Task BadInvitations_AreRefusedWithTheirReason()
    {
        var tenant = await app.CreateTenantAsync();
        var op = app.Operator();
        await (await op.PostJsonAsync($"/v1/tenants/{tenant.Id}/invitations", new { email = "not an address", role = "owner" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await op.PostJsonAsync($"/v1/tenants/{tenant.Id}/invitations", new { email = "a@example.com", role = "admin" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await op.PostJsonAsync($"/v1/tenants/{Guid.NewGuid()}/invitations", new { email = "a@example.com", role = "owner" }))
            .ProblemAsync(HttpStatusCode.NotFound, "tenant_not_found");
        // A tenant's own key cannot invite anyone, to its tenant or another.
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Http.PostJsonAsync($"/v1/tenants/{tenant.Id}/invitations",
            new { email = "a@example.com", role = "owner" })).StatusCode);

        var (_, person) = await app.TenantSignedInAsync(tenant.Id, "viewer");
        await (await op.PostJsonAsync($"/v1/tenants/{tenant.Id}/invitations", new { email = person.Email, role = "owner" }))
            .ProblemAsync(HttpStatusCode.Conflict, "tenant_user_exists");
        Assert.Equal(HttpStatusCode.NotFound, (await app.ConsoleClient().GetAsync("/app/invitation/" + new string('A', 43))).StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_LockTheAccount_AndSayNothingOfWhichPartWasWrong()
    {
        var tenant = await app.CreateTenantAsync();
        var (_, person) = await app.TenantSignedInAsync(tenant.Id, "developer");
        var client = app.ConsoleClient();
        var unknown = await client.TenantSignInAsync(person with { Email = "nobody@example.com" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var unknownText = await unknown.Content.ReadAsStringAsync();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await client.TenantSignInAsync(person, password: "wrong password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("地址、密码或验证码不对", await wrong.Content.ReadAsStringAsync());
        }
        Assert.Contains("地址、密码或验证码不对", unknownText);
        var locked = await client.TenantSignInAsync(person, password: "wrong again");
        Assert.Contains("锁定", await locked.Content.ReadAsStringAsync());
        // Locked: even the right password waits.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.TenantSignInAsync(person)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Redirect, (await client.TenantSignInAsync(person)).StatusCode);
    }

    [Fact]
    public async Task WhenOwnersRequireTheSecondFactor_EveryoneSetsItUpBeforeAnythingElse_AndSignsInWithIt()
    {
        var tenant = await app.CreateTenantAsync();
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var (developer, person) = await app.TenantSignedInAsync(tenant.Id, "developer");
        Assert.Equal(HttpStatusCode.OK, (await developer.GetAsync("/app")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/app/people", "Require", new() { ["required"] = "true" })).StatusCode);

        // The developer's very next click is sent to set it up.
        var sent = await developer.GetAsync("/app");
        Assert.Contains("/app/denied", sent.Headers.Location!.ToString());
        Assert.Equal("/app/security", (await developer.GetAsync(sent.Headers.Location)).Headers.Location!.ToString());

        var begun = await developer.PostFormAsync("/app/security", "Begin");
        var (secret, pending) = TenantPeople.PendingSecondFactor(await begun.Content.ReadAsStringAsync());
        person.Secret = secret;
        var wrongCode = person.CodeAt(app.Clock.GetUtcNow()) == "000000" ? "111111" : "000000";
        var wrong = await developer.PostFormAsync("/app/security", "Confirm", new() { ["pending"] = pending, ["code"] = wrongCode });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains(secret, await wrong.Content.ReadAsStringAsync());
        var confirmed = await developer.PostFormAsync("/app/security", "Confirm", new() { ["pending"] = pending, ["code"] = person.CodeAt(app.Clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await developer.GetAsync("/app")).StatusCode);

        // Required: it cannot be turned off, and signing in needs the code.
        Assert.Equal(HttpStatusCode.Conflict, (await developer.PostFormAsync("/app/security", "TurnOff")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var fresh = app.ConsoleClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.TenantSignInAsync(person)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.TenantSignInAsync(person, person.CodeAt(app.Clock.GetUtcNow()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/app")).StatusCode);
    }

    [Fact]
    public async Task OperatorAndTenantSessions_OpenOnlyTheirOwnConsole()
    {
        var tenant = await app.CreateTenantAsync();
        var (tenantClient, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var operatorClient = await app.SignedInAsync("admin");

        var tenantAtConsole = await tenantClient.GetAsync("/console");
        Assert.Contains("/console/sign-in", tenantAtConsole.Headers.Location!.ToString());
        var operatorAtApp = await operatorClient.GetAsync("/app");
        Assert.Contains("/app/sign-in", operatorAtApp.Headers.Location!.ToString());
        // Neither cookie is an API key.
        Assert.Equal(HttpStatusCode.Unauthorized, (await tenantClient.GetAsync("/v1/balance")).StatusCode);
    }
}
