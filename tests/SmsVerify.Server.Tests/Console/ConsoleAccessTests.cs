using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>
/// Every console page against every role and a signed-out browser: opened by the roles its section names, "not
/// allowed" for the others, the sign-in page for no one signed in; and every section's forms refused to a role that
/// may not open it, token or not.
/// </summary>
public sealed class ConsoleAccessTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private static readonly string Unknown = Guid.NewGuid().ToString();

    public static TheoryData<string, string> Pages => new()
    {
        { "/console", "admin auditor risk" },
        { "/console/review", "admin auditor" },
        { $"/console/review/{Unknown}", "admin auditor" },
        { "/console/audit", "admin auditor" },
        { "/console/risk", "admin risk" },
        { "/console/risk/incidents", "admin risk" },
        { $"/console/risk/incidents/{Unknown}", "admin risk" },
        { "/console/risk/score", "admin risk" },
        { "/console/tenants", "admin" },
        { $"/console/tenants/{Unknown}", "admin" },
        { "/console/channels", "admin" },
        { "/console/operators", "admin" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task APage_OpensForItsRoles_Only(string path, string roles)
    {
        var signedOut = await app.ConsoleClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/console/sign-in", signedOut.Headers.Location!.ToString());

        foreach (var role in new[] { "admin", "auditor", "risk" })
        {
            var answer = await (await app.SignedInAsync(role)).GetAsync(path);
            if (roles.Split(' ').Contains(role))
            {
                // An unknown id is a page of its section that finds nothing: allowed in, then 404.
                Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{role} at {path}: {answer.StatusCode}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
                Assert.Contains("/console/denied", answer.Headers.Location!.ToString());
            }
        }
    }

    [Theory]
    [InlineData("/console/tenants", "auditor")]
    [InlineData("/console/operators", "risk")]
    [InlineData("/console/risk", "auditor")]
    [InlineData("/console/channels", "auditor")]
    [InlineData("/console/audit", "risk")]
    [InlineData("/console/review", "risk")]
    public async Task AForm_IsRefusedToARoleThatMayNotOpenItsPage_EvenWithAToken(string path, string role)
    {
        var client = await app.SignedInAsync(role);
        var token = await client.AntiforgeryAsync("/console");

        var answer = await client.PostAsync($"{path}?handler=Anything", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/console/denied", answer.Headers.Location!.ToString());
    }
}
