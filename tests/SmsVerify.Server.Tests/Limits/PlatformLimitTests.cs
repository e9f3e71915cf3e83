using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Limits;

/// <summary>
/// SMS bombing through many senders: each tenant stays well inside its own limits for the victim, and only the
/// platform, which sees them all, can tell that one phone is being flooded.
/// </summary>
public sealed class PlatformLimitTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Victim = "+8613912345678";

    [Fact]
    public async Task OneVictimThroughSevenTenants_TheTwentyFirstMessageInAnHourIsRefused_OtherNumbersStillGo()
    {
        var senders = new List<LiveSender>();
        for (var i = 0; i < 7; i++)
        {
            var sender = await app.CreateLiveSenderAsync();
            await app.TopUpAsync(sender.Tenant.Id, 10m);
            senders.Add(sender);
        }

        // Three rounds a minute apart: every tenant sends the victim 3 codes an hour (its own limit is 5).
        var sent = 0;
        HttpResponseMessage? refused = null;
        for (var round = 0; round < 3 && refused is null; round++)
        {
            foreach (var sender in senders)
            {
                var response = await sender.StartAsync(Victim);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    refused = response;
                    break;
                }
                sent++;
            }
            app.Clock.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.Equal(20, sent);
        Assert.NotNull(refused);
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests, "recipient_rate_limited");
        Assert.Equal((20, 3600), (problem.Int("limit"), problem.Int("windowSeconds")));
        // The first message leaves the hour 3600 s after it was sent; two rounds of 61 s have passed since.
        Assert.Equal(TimeSpan.FromSeconds(3600 - 2 * 61), refused.Headers.RetryAfter?.Delta);
        // The refused tenant is far from its own limit: another of its real numbers still goes.
        await (await senders[^1].StartAsync("+8613912340000")).OkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Configuration_OverridesOneWindowOfThePolicy()
    {
        await using var configured = await SmsVerifyApp.StartAsync(new() { ["Limits:PerRecipient:3600"] = "1" });
        var sender = await configured.CreateLiveSenderAsync();
        await configured.TopUpAsync(sender.Tenant.Id, 1m);
        await (await sender.StartAsync(Victim)).OkAsync(HttpStatusCode.Created);
        configured.Clock.Advance(TimeSpan.FromSeconds(61));

        var problem = await (await sender.StartAsync(Victim)).ProblemAsync(HttpStatusCode.TooManyRequests, "recipient_rate_limited");

        Assert.Equal((1, 3600), (problem.Int("limit"), problem.Int("windowSeconds")));
    }

    [Fact]
    public async Task TestNumbers_DoNotCountTowardThePlatformLimit()
    {
        // A test number reaches no phone: 25 codes to the same number through 25 tenants' sandboxes all arrive.
        const string shared = "+8613812340001";
        for (var i = 0; i < 25; i++)
        {
            var tenant = await app.CreateTenantAsync();
            await tenant.RegisterNumberAsync(shared);
            await tenant.StartOkAsync(shared);
        }
    }
}
