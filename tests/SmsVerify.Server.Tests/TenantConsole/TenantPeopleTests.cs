using System.Net;
using System.Text.RegularExpressions;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>The People page: owners invite, change roles and disable; no one else may; no tenant reaches another's people.</summary>
public sealed partial class TenantPeopleTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task AnOwner_InvitesAPerson_WhoJoinsWithTheRole_AndTheTrailNamesWhoDidWhat()
    {
        var tenant = await app.CreateTenantAsync();
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var invited = await owner.PostFormAsync("/app/people", "Invite", new() { ["email"] = "dev@acme.example", ["role"] = "developer" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var link = new Uri(Link().Match(await invited.Content.ReadAsStringAsync()).Groups[1].Value).PathAndQuery;

        var people = await (await owner.GetAsync("/app/people")).Content.ReadAsStringAsync();
        Assert.Contains("data-invitation=\"dev@acme.example\"", people);
        var developer = app.ConsoleClient();
        Assert.Equal(HttpStatusCode.Redirect, (await developer.JoinAsync(link)).StatusCode);
        people = await (await owner.GetAsync("/app/people")).Content.ReadAsStringAsync();
        Assert.Contains("data-person=\"dev@acme.example\"", people);
        Assert.DoesNotContain("data-invitation=\"dev@acme.example\"", people);

        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=tenant_user:{PersonId(people, "dev@acme.example")}")).OkAsync();
        Assert.Contains(trail.EnumerateArray(), r => r.Str("action") == "tenant_user.joined");
        var invitedRecord = (await (await app.Operator().GetAsync("/v1/audit?action=tenant_user.invited")).OkAsync())
            .EnumerateArray().First(r => r.GetProperty("detail").GetString()!.Contains("dev@acme.example"));
        Assert.StartsWith($"tenant:{tenant.Id}/user:", invitedRecord.Str("actor"));
    }

    [Fact]
    public async Task OnlyOwnersManagePeople_AndTheLastOwnerStays()
    {
        var tenant = await app.CreateTenantAsync();
        var (owner, ownerPerson) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var (developer, _) = await app.TenantSignedInAsync(tenant.Id, "developer");
        var (viewer, _) = await app.TenantSignedInAsync(tenant.Id, "viewer");
        foreach (var other in new[] { developer, viewer })
        {
            Assert.Contains("/app/denied", (await other.GetAsync("/app/people")).Headers.Location!.ToString());
        }
        var people = await (await owner.GetAsync("/app/people")).Content.ReadAsStringAsync();
        var ownerId = PersonId(people, ownerPerson.Email);

        // Not themself, and not the last owner by any road.
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostFormAsync("/app/people", "Role", new() { ["id"] = ownerId, ["role"] = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostFormAsync("/app/people", "Disable", new() { ["id"] = ownerId })).StatusCode);

        // A viewer's forms are refused even with a token of a page it may open.
        var token = await viewer.AntiforgeryAsync("/app/security");
        var posted = await viewer.PostAsync($"/app/people?handler=Role&id={ownerId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["role"] = "viewer",
        }));
        Assert.Contains("/app/denied", posted.Headers.Location!.ToString());
        Assert.Contains("data-person=\"" + ownerPerson.Email, await (await owner.GetAsync("/app/people")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ADisabledPerson_IsOutAtOnce_AndANewRoleAppliesOnTheNextClick()
    {
        var tenant = await app.CreateTenantAsync();
        var (owner, _) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var (person, who) = await app.TenantSignedInAsync(tenant.Id, "owner");
        var people = await (await owner.GetAsync("/app/people")).Content.ReadAsStringAsync();
        var id = PersonId(people, who.Email);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/app/people")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/app/people", "Role", new() { ["id"] = id, ["role"] = "viewer" })).StatusCode);
        Assert.Contains("/app/denied", (await person.GetAsync("/app/people")).Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/app/people", "Disable", new() { ["id"] = id })).StatusCode);
        Assert.Contains("/app/sign-in", (await person.GetAsync("/app")).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ConsoleClient().TenantSignInAsync(who)).StatusCode);
    }

    [Fact]
    public async Task ATenantsOwner_CannotTouchAnotherTenantsPeople()
    {
        var a = await app.CreateTenantAsync(name: "A");
        var b = await app.CreateTenantAsync(name: "B");
        var (ownerA, _) = await app.TenantSignedInAsync(a.Id, "owner");
        var (ownerB, personB) = await app.TenantSignedInAsync(b.Id, "owner");
        await app.TenantSignedInAsync(b.Id, "owner");
        var idInB = PersonId(await (await ownerB.GetAsync("/app/people")).Content.ReadAsStringAsync(), personB.Email);

        Assert.DoesNotContain(personB.Email, await (await ownerA.GetAsync("/app/people")).Content.ReadAsStringAsync());
        foreach (var handler in new[] { "Role", "Disable", "Enable" })
        {
            var answer = await ownerA.PostFormAsync("/app/people", handler, new() { ["id"] = idInB, ["role"] = "viewer" });
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await app.ConsoleClient().TenantSignInAsync(personB)).StatusCode);
    }

    /// <summary>The id in the role form of the person's row on the People page.</summary>
    private static string PersonId(string html, string email) =>
        Regex.Match(html, $"data-person=\"{Regex.Escape(email)}\">[\\s\\S]*?id=([0-9a-f-]{{36}})").Groups[1].Value;

    [GeneratedRegex("<code id=\"invitation-link\"[^>]*>([^<]+)</code>")]
    private static partial Regex Link();
}
