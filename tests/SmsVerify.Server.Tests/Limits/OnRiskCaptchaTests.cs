using System.Net;
using SmsVerify.Server.Tests.Captcha;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Limits;

/// <summary>The <c>on-risk</c> captcha policy, raised by many requests from one network or to one number block.</summary>
public sealed class OnRiskCaptchaTests : IAsyncLifetime
{
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(new(CaptchaTestApp.Settings) { ["Limits:RiskPerNumberBlock"] = "3" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Number(int i) => $"+86138{i:D2}000001";

    private async Task<TestTenant> TenantAsync(string policy, int numbers)
    {
        var tenant = await _app.CreateTenantAsync();
        for (var i = 0; i < numbers; i++)
        {
            await tenant.RegisterNumberAsync(Number(i));
        }
        await (await tenant.Http.PutJsonAsync("/v1/captcha/policy", new { policy })).OkAsync();
        return tenant;
    }

    private static Task<HttpResponseMessage> StartAsync(TestTenant tenant, string to, string ip, string? captcha = null) =>
        tenant.Http.PostJsonAsync("/v1/verifications", new { to, endUserIp = ip, captcha, rateLimits = new { endUserIp = ip } });

    [Fact]
    public async Task FifthRequestFromOneIp_NeedsACaptcha_WhichCountsNothingUntilSolved()
    {
        var tenant = await TenantAsync("on-risk", 7);
        await (await tenant.Http.PostJsonAsync("/v1/rate-limits", new { key = "endUserIp", buckets = new[] { new { max = 5, intervalSeconds = 600 } } }))
            .OkAsync(HttpStatusCode.Created);
        for (var i = 0; i < 4; i++)
        {
            await (await StartAsync(tenant, Number(i), "203.0.113.7")).OkAsync(HttpStatusCode.Created);
        }

        var required = await (await StartAsync(tenant, Number(4), "203.0.113.7")).ProblemAsync(HttpStatusCode.Forbidden, "captcha_required");
        Assert.Equal("many_requests_from_ip", required.Str("reason"));
        await (await StartAsync(tenant, Number(4), "203.0.113.7")).ProblemAsync(HttpStatusCode.Forbidden, "captcha_required");
        // Another network is not at risk.
        await (await StartAsync(tenant, Number(5), "198.51.100.9")).OkAsync(HttpStatusCode.Created);

        // The refusals took none of the bucket's five: the fifth, with a captcha, passes, and only the sixth is over.
        await (await StartAsync(tenant, Number(4), "203.0.113.7", await tenant.SolvedAsync())).OkAsync(HttpStatusCode.Created);
        await (await StartAsync(tenant, Number(6), "203.0.113.7", await tenant.SolvedAsync()))
            .ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
    }

    [Fact]
    public async Task ManyRequestsToOneNumberBlock_NeedACaptcha()
    {
        var tenant = await TenantAsync("on-risk", 0);
        string[] block = ["+8613812340001", "+8613812340002", "+8613812340003"];
        foreach (var number in block)
        {
            await tenant.RegisterNumberAsync(number);
        }
        await tenant.RegisterNumberAsync("+8613912340001");

        await tenant.StartOkAsync(block[0]);
        await tenant.StartOkAsync(block[1]);

        var required = await (await tenant.StartAsync(block[2])).ProblemAsync(HttpStatusCode.Forbidden, "captcha_required");
        Assert.Equal("many_requests_to_number_block", required.Str("reason"));
        await tenant.StartOkAsync("+8613912340001");
    }

    [Fact]
    public async Task PolicyOff_ManyRequestsFromOneIp_NeedNoCaptcha()
    {
        var tenant = await TenantAsync("off", 7);

        for (var i = 0; i < 7; i++)
        {
            await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Number(i), endUserIp = "203.0.113.7" })).OkAsync(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task EndUserIpThatIsNotAnAddress_Is400()
    {
        var tenant = await TenantAsync("on-risk", 1);

        var problem = await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Number(0), endUserIp = "example.com" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("endUserIp", problem.Str("field"));
    }
}
