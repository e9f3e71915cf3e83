using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Captcha;

public sealed class VerificationCaptchaTests : IAsyncLifetime
{
    private const string Phone = "+8613800000001";
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(CaptchaTestApp.Settings);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PolicyAlways_SendNeedsASolvedCaptcha_UsedOnce()
    {
        var tenant = await _app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(Phone);
        await (await tenant.Http.PutJsonAsync("/v1/captcha/policy", new { policy = "always" })).OkAsync();

        await (await tenant.StartAsync(Phone)).ProblemAsync(HttpStatusCode.Forbidden, "captcha_required");
        var captcha = await tenant.SolvedAsync();
        await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Phone, captcha })).OkAsync(HttpStatusCode.Created);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));

        var reused = await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Phone, captcha })).ProblemAsync(HttpStatusCode.BadRequest, "captcha_invalid");
        Assert.Equal("reused", reused.Str("reason"));
        Assert.Equal(1, (await tenant.InboxAsync(Phone)).GetArrayLength());
    }

    [Fact]
    public async Task PolicyOff_ABadCaptchaIsStillRefused()
    {
        var tenant = await _app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(Phone);

        await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Phone, captcha = "bm90IGEgcGF5bG9hZA==" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "captcha_invalid");
        await tenant.StartOkAsync(Phone);
    }
}
