using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Limits;

/// <summary>
/// Guessing across resends and new codes: each verification allows a few wrong codes, but the number's wrong codes
/// add up across all of them, and the twentieth in a day locks the number for the tenant.
/// </summary>
public sealed class FailedCheckLockTests : IAsyncLifetime
{
    private const string Phone = "+8613800000001";
    private const string Wrong = "999999";

    // Three attempts per verification, so the twentieth wrong code lands inside a still-pending seventh one.
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(new() { ["Verification:MaxCheckAttempts"] = "3" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwentyWrongCodesAcrossSevenVerifications_LockSendsAndChecksUntilTheDayFrees()
    {
        var tenant = await _app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(Phone, fixedCode: "123456");
        var firstWrongAt = _app.Clock.GetUtcNow();
        string id = "";
        for (var verification = 0; verification < 7; verification++)
        {
            if (verification > 0)
            {
                // 13 minutes apart: inside the tenant's own limits (5 an hour, 10 a day) for the number.
                _app.Clock.Advance(TimeSpan.FromMinutes(13));
            }
            id = (await tenant.StartOkAsync(Phone)).Str("id");
            // Six verifications take all three attempts; the seventh takes two, the nineteenth and twentieth wrong codes.
            for (var attempt = 0; attempt < (verification < 6 ? 3 : 2); attempt++)
            {
                var response = await tenant.CheckAsync(id, Wrong);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"verification {verification}, attempt {attempt}");
            }
        }

        // Even the right code is refused now, and so is a new send.
        var check = await tenant.CheckAsync(id, "123456");
        var locked = await check.ProblemAsync(HttpStatusCode.TooManyRequests, "verification_locked");
        Assert.Equal((20, 86400), (locked.Int("limit"), locked.Int("windowSeconds")));
        _app.Clock.Advance(TimeSpan.FromSeconds(61)); // past the resend cool-down, which would answer first
        var send = await tenant.StartAsync(Phone);
        await send.ProblemAsync(HttpStatusCode.TooManyRequests, "verification_locked");
        var elapsed = _app.Clock.GetUtcNow() - firstWrongAt;
        Assert.Equal(TimeSpan.FromDays(1) - elapsed, send.Headers.RetryAfter?.Delta);
        var trail = await (await _app.Operator().GetAsync($"/v1/audit?target=verification:{id}")).OkAsync();
        var audited = Assert.Single(trail.EnumerateArray(), r => r.Str("action") == "verification.number_locked");
        Assert.Equal("system:failed-check-lock", audited.Str("actor"));

        // Another tenant's verifications of the same number are not locked.
        var other = await _app.CreateTenantAsync();
        await other.RegisterNumberAsync(Phone);
        await other.StartOkAsync(Phone);

        _app.Clock.Advance(TimeSpan.FromDays(1) - elapsed);
        await tenant.StartOkAsync(Phone);
    }
}
