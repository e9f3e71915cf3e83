using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Limits;

/// <summary>A tenant's own rate limits on values it passes with each verification, as Twilio Verify's.</summary>
public sealed class RateLimitsApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private static string Number(int i) => $"+86138000001{i:D2}";

    private async Task<TestTenant> TenantWithNumbersAsync(int count)
    {
        var tenant = await app.CreateTenantAsync();
        for (var i = 0; i < count; i++)
        {
            await tenant.RegisterNumberAsync(Number(i));
        }
        return tenant;
    }

    private static Task<HttpResponseMessage> StartFromAsync(TestTenant tenant, string to, string ip) =>
        tenant.Http.PostJsonAsync("/v1/verifications", new { to, rateLimits = new { endUserIp = ip } });

    [Fact]
    public async Task BurstFromOneIp_IsStoppedByTheBucket_OtherIpsStillPass()
    {
        var tenant = await TenantWithNumbersAsync(6);
        await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key = "endUserIp", buckets = new[] { new { max = 3, intervalSeconds = 60 } } }))
            .OkAsync(HttpStatusCode.Created);

        for (var i = 0; i < 3; i++)
        {
            await (await StartFromAsync(tenant, Number(i), "203.0.113.7")).OkAsync(HttpStatusCode.Created);
        }
        var burst = await StartFromAsync(tenant, Number(3), "203.0.113.7");

        var problem = await burst.ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Equal(("endUserIp", 3, 60), (problem.Str("key"), problem.Int("limit"), problem.Int("windowSeconds")));
        Assert.Equal(TimeSpan.FromSeconds(60), burst.Headers.RetryAfter?.Delta);
        Assert.Equal(0, (await tenant.InboxAsync(Number(3))).GetArrayLength());
        await (await StartFromAsync(tenant, Number(4), "198.51.100.9")).OkAsync(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        await (await StartFromAsync(tenant, Number(5), "203.0.113.7")).OkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SameValue_InAnotherTenant_IsCountedSeparately()
    {
        var first = await TenantWithNumbersAsync(2);
        var second = await TenantWithNumbersAsync(1);
        foreach (var tenant in new[] { first, second })
        {
            await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key = "deviceId", buckets = new[] { new { max = 1, intervalSeconds = 3600 } } }))
                .OkAsync(HttpStatusCode.Created);
        }

        await (await first.Http.PostJsonAsync("/v1/verifications", new { to = Number(0), rateLimits = new { deviceId = "d-1" } })).OkAsync(HttpStatusCode.Created);
        await (await first.Http.PostJsonAsync("/v1/verifications", new { to = Number(1), rateLimits = new { deviceId = "d-1" } }))
            .ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        await (await second.Http.PostJsonAsync("/v1/verifications", new { to = Number(0), rateLimits = new { deviceId = "d-1" } })).OkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task UnknownKeyInRateLimits_Is400AndSendsNothing()
    {
        var tenant = await TenantWithNumbersAsync(1);

        var problem = await (await StartFromAsync(tenant, Number(0), "203.0.113.7")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");

        Assert.Equal("rateLimits", problem.Str("field"));
        Assert.Equal(0, (await tenant.InboxAsync(Number(0))).GetArrayLength());
    }

    [Fact]
    public async Task SetListReplaceDelete_RoundTrip()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new
        {
            key = "endUserIp",
            buckets = new[] { new { max = 100, intervalSeconds = 86400 }, new { max = 5, intervalSeconds = 60 } },
        })).OkAsync(HttpStatusCode.Created);
        // Shortest interval first, and nothing but what was defined.
        Assert.Equal("""[{"max":5,"intervalSeconds":60},{"max":100,"intervalSeconds":86400}]""", created.GetProperty("buckets").GetRawText());

        var replaced = await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key = "endUserIp", buckets = new[] { new { max = 2, intervalSeconds = 10 } } }))
            .OkAsync();
        Assert.Equal(1, replaced.GetProperty("buckets").GetArrayLength());
        var list = await (await tenant.Http.GetAsync("/v1/rate-limits")).OkAsync();
        Assert.Equal("endUserIp", Assert.Single(list.EnumerateArray()).Str("key"));
        await (await tenant.Http.GetAsync("/v1/rate-limits/endUserIp")).OkAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync("/v1/rate-limits/endUserIp")).StatusCode);
        await (await tenant.Http.DeleteAsync("/v1/rate-limits/endUserIp")).ProblemAsync(HttpStatusCode.NotFound, "rate_limit_not_found");
        Assert.Equal(0, (await (await tenant.Http.GetAsync("/v1/rate-limits")).OkAsync()).GetArrayLength());
        var trail = await (await app.Operator().GetAsync("/v1/audit?target=rate_limit:endUserIp")).OkAsync();
        Assert.Contains(trail.EnumerateArray(), r => r.Str("action") == "rate_limit.deleted");
    }

    [Theory]
    [InlineData("1ip", 5, 60)]
    [InlineData("end-user-ip", 5, 60)]
    [InlineData("endUserIp", 0, 60)]
    [InlineData("endUserIp", 5, 0)]
    [InlineData("endUserIp", 5, 86401)]
    public async Task OutOfBoundsDefinition_Is400(string key, int max, int intervalSeconds)
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key, buckets = new[] { new { max, intervalSeconds } } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }

    [Fact]
    public async Task SixBuckets_Is400_AndAnEleventhKey_Is409()
    {
        var tenant = await app.CreateTenantAsync();
        var six = Enumerable.Range(1, 6).Select(i => new { max = i, intervalSeconds = i * 60 }).ToArray();
        await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key = "endUserIp", buckets = six }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");

        var one = new[] { new { max = 1, intervalSeconds = 60 } };
        for (var i = 0; i < 10; i++)
        {
            await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key = $"key{i}", buckets = one })).OkAsync(HttpStatusCode.Created);
        }
        await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key = "key10", buckets = one }))
            .ProblemAsync(HttpStatusCode.Conflict, "too_many_rate_limit_keys");
    }
}
