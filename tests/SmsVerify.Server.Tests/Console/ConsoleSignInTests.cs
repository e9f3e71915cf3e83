using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>People sign in with a password and a TOTP code; wrong attempts are counted, locked out and audited.</summary>
public sealed class ConsoleSignInTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task SignedOut_IsSentToSignIn_FromEveryPage()
    {
        var client = app.ConsoleClient();
        foreach (var path in new[] { "/console", "/console/review", $"/console/review/{Guid.NewGuid()}" })
        {
            var answer = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.StartsWith("http://localhost/console/sign-in", answer.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task RightPasswordAndCode_SignIn_AndTheTrailNamesThePerson()
    {
        var person = await app.CreatePersonAsync("auditor");
        var client = app.ConsoleClient();

        var answer = await client.SignInAsync(person, person.CodeAt(app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/console", answer.Headers.Location!.ToString());
        var overview = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("auditor person", await overview.Content.ReadAsStringAsync());
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=operator:{person.Id}")).OkAsync();
        Assert.Contains(trail.EnumerateArray(), r => r.Str("action") == "operator.signed_in" && r.Str("actor") == $"operator:{person.UserName}");
    }

    [Fact]
    public async Task ACode_IsGoodOnce()
    {
        var person = await app.CreatePersonAsync("risk");
        var code = person.CodeAt(app.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Redirect, (await app.ConsoleClient().SignInAsync(person, code)).StatusCode);

        var again = await app.ConsoleClient().SignInAsync(person, code);

        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Theory]
    [InlineData("wrong password", false)]
    [InlineData("wrong code", true)]
    public async Task WrongPasswordOrCode_FailsWithoutSayingWhich(string _, bool rightPassword)
    {
        var person = await app.CreatePersonAsync("auditor");
        var now = app.Clock.GetUtcNow();

        var answer = await app.ConsoleClient().SignInAsync(person, rightPassword ? person.CodeAt(now, steps: 10) : person.CodeAt(now),
            rightPassword ? null : "not the password at all");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("用户名、密码或动态码有误", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FiveFailures_LockTheAccount_EvenAgainstTheRightCode_UntilTheLockoutEnds()
    {
        var person = await app.CreatePersonAsync("auditor");
        for (var i = 0; i < 5; i++)
        {
            await app.ConsoleClient().SignInAsync(person, "000000", "wrong password here");
        }

        var locked = await app.ConsoleClient().SignInAsync(person, person.CodeAt(app.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("已锁定", await locked.Content.ReadAsStringAsync());
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=operator:{person.Id}")).OkAsync();
        Assert.Contains(trail.EnumerateArray(), r => r.Str("action") == "operator.locked_out" && r.Str("actor") == $"operator:{person.UserName}");

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Redirect, (await app.ConsoleClient().SignInAsync(person, person.CodeAt(app.Clock.GetUtcNow()))).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefused()
    {
        var person = await app.CreatePersonAsync("auditor");
        var answer = await app.ConsoleClient().PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = person.UserName,
            ["password"] = person.Password,
            ["code"] = person.CodeAt(app.Clock.GetUtcNow()),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task ResettingTheSecondFactor_EndsTheSessionsItHad()
    {
        var person = await app.CreatePersonAsync("auditor");
        var client = app.ConsoleClient();
        await client.SignInAsync(person, person.CodeAt(app.Clock.GetUtcNow()));
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        await (await app.Operator().PostAsync($"/v1/operators/accounts/{person.Id}/second-factor/reset", null)).OkAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/console")).StatusCode);
    }

    [Fact]
    public async Task Operators_AreMadeWithTheOperatorKey_WithBoundedInput()
    {
        var operatorKey = app.Operator();
        var person = await app.CreatePersonAsync("admin");
        await (await operatorKey.PostJsonAsync("/v1/operators/accounts", new { userName = person.UserName, role = "auditor", password = ConsolePeople.Password }))
            .ProblemAsync(HttpStatusCode.Conflict, "operator_exists");
        await (await operatorKey.PostJsonAsync("/v1/operators/accounts", new { userName = "bob", role = "auditor", password = "short" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await operatorKey.PostJsonAsync("/v1/operators/accounts", new { userName = "bob", role = "root", password = ConsolePeople.Password }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await operatorKey.PostJsonAsync("/v1/operators/accounts", new { userName = "b o b", role = "auditor", password = ConsolePeople.Password }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/v1/operators/accounts")).StatusCode);
        var listed = await (await operatorKey.GetAsync("/v1/operators/accounts")).OkAsync();
        var row = listed.EnumerateArray().Single(o => o.Str("userName") == person.UserName);
        Assert.False(row.TryGetProperty("passwordHash", out _));
        Assert.False(row.TryGetProperty("secondFactor", out _));
    }
}
