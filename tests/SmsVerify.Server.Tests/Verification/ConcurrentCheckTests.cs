using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Verification;

/// <summary>Many checks of one code at once, as a replayed form post or an attacker would send them.</summary>
public sealed class ConcurrentCheckTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const int Parallel = 24;

    [Fact]
    public async Task ParallelChecks_OfTheRightCode_ApproveExactlyOnce()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613812345678");
        var id = (await tenant.StartOkAsync("+8613812345678")).Str("id");
        var code = await tenant.LatestCodeAsync("+8613812345678");

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => tenant.CheckAsync(id, code)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(Parallel - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ParallelChecks_OfWrongCodes_CountAtMostFiveAttempts()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613812345678", fixedCode: "1234");
        var id = (await tenant.StartOkAsync("+8613812345678")).Str("id");

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => tenant.CheckAsync(id, "9999")));

        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(Parallel - 5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await (await tenant.CheckAsync(id, "1234")).ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
    }
}
