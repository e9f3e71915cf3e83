using System.Net;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// Every tenant console page against every role, a signed-out browser and an operator's session: opened by the roles
/// it names, "not allowed" for the others, the tenant sign-in page for everyone else.
/// </summary>
public sealed class TenantConsoleAccessTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Everyone = "owner developer viewer";
    private static readonly string Unknown = Guid.NewGuid().ToString();

    public static TheoryData<string, string> Pages => new()
    {
        { "/app", Everyone },
        { "/app/security", Everyone },
        { "/app/sandbox", Everyone },
        { "/app/messages", Everyone },
        { "/app/messages?tab=verifications", Everyone },
        { $"/app/messages/{Unknown}", Everyone },
        { "/app/developers", Everyone },
        { "/app/developers/webhook", Everyone },
        { $"/app/developers/deliveries/{Unknown}", Everyone },
        { "/app/developers/limits", Everyone },
        { "/app/developers/smpp", Everyone },
        { $"/app/developers/smpp?id={Unknown}", Everyone },
        { "/app/account", Everyone },
        { "/app/account?signature=" + Unknown, Everyone },
        { "/app/people", "owner" },
        { "/app/onboarding/qualification", Everyone },
        { "/app/onboarding/applications", Everyone },
        { "/app/onboarding/signatures", Everyone },
        { $"/app/onboarding/signatures?id={Unknown}", Everyone },
        { "/app/onboarding/templates", Everyone },
        { "/app/onboarding/templates?code=SMS_000000000", Everyone },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task APage_OpensForItsRoles_Only(string path, string roles)
    {
        var tenant = await app.CreateTenantAsync();
        var signedOut = await app.ConsoleClient().GetAsync(path);
        Assert.Contains("/app/sign-in", signedOut.Headers.Location!.ToString());
        var operatorSession = await (await app.SignedInAsync("admin")).GetAsync(path);
        Assert.Contains("/app/sign-in", operatorSession.Headers.Location!.ToString());

        foreach (var role in Everyone.Split(' '))
        {
            var (client, _) = await app.TenantSignedInAsync(tenant.Id, role);
            var answer = await client.GetAsync(path);
            if (roles.Split(' ').Contains(role))
            {
                // An unknown id is a page that finds nothing: allowed in, then 404.
                Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{role} at {path}: {answer.StatusCode}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
                Assert.Contains("/app/denied", answer.Headers.Location!.ToString());
            }
        }
    }
}
