using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Captcha;

public sealed class CaptchaChallengeTests : IAsyncLifetime
{
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(CaptchaTestApp.Settings);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Challenge_WithTenantKey_IsSignedAndBindsExpiryAndTenantInTheSalt()
    {
        var tenant = await _app.CreateTenantAsync();

        var response = await tenant.Http.GetAsync("/v1/captcha/challenge");
        var challenge = await response.OkAsync();

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(("SHA-256", 200), (challenge.Str("algorithm"), challenge.Int("maxnumber")));
        Assert.Matches("^[0-9a-f]{64}$", challenge.Str("challenge"));
        Assert.Matches("^[0-9a-f]{64}$", challenge.Str("signature"));
        var salt = challenge.Str("salt");
        Assert.Matches("^[0-9a-f]{32}\\?", salt);
        Assert.EndsWith("&", salt);
        var parameters = QueryHelpers.ParseQuery(salt[salt.IndexOf('?', StringComparison.Ordinal)..]);
        Assert.Equal(tenant.Id.ToString("N"), parameters["tenant"]);
        Assert.Equal(_app.Clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), long.Parse(parameters["expires"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Challenge_WithoutKey_IsIssuedForTheNamedTenant_AndReadableFromAnyOrigin()
    {
        var tenant = await _app.CreateTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/captcha/challenge?tenant={tenant.Id}");
        request.Headers.Add("Origin", "https://shop.example.com");

        var response = await _app.Anonymous().SendAsync(request);
        var challenge = await response.OkAsync();

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Null(await _app.GateAsync(tenant.Id, AltchaSolver.Solve(challenge)));
    }

    [Fact]
    public async Task Challenge_Preflight_AllowsGetFromAnyOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/captcha/challenge?tenant=" + Guid.NewGuid());
        request.Headers.Add("Origin", "https://shop.example.com");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "x-altcha-spam-filter");

        var response = await _app.Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Challenge_WithoutKeyOrTenant_IsInvalidArgument()
    {
        var problem = await (await _app.Anonymous().GetAsync("/v1/captcha/challenge")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("tenant", problem.Str("field"));
        await (await _app.Anonymous().GetAsync("/v1/captcha/challenge?tenant=acme")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }

    [Fact]
    public async Task Challenge_WithUnknownKey_IsUnauthorized_AndTenantKeyNamingAnother_IsInvalid()
    {
        var tenant = await _app.CreateTenantAsync();

        await (await _app.WithKey("svk_not-a-key").GetAsync($"/v1/captcha/challenge?tenant={tenant.Id}")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await tenant.Http.GetAsync($"/v1/captcha/challenge?tenant={Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }

    [Fact]
    public async Task SolvedChallenge_IsAcceptedOnce_ThenRefusedAsReused()
    {
        var tenant = await _app.CreateTenantAsync();
        var payload = await tenant.SolvedAsync();

        Assert.Null(await _app.GateAsync(tenant.Id, payload));

        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, payload), "reused");
        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, payload, riskRaised: true), "reused");
    }

    [Fact]
    public async Task SolvedChallenge_AfterTenMinutes_IsExpired_AndNotSpent()
    {
        var tenant = await _app.CreateTenantAsync();
        var late = await tenant.SolvedAsync();
        var onTime = await tenant.SolvedAsync();

        _app.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Null(await _app.GateAsync(tenant.Id, onTime));
        _app.Clock.Advance(TimeSpan.FromSeconds(1));

        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, late), "expired");
    }

    [Fact]
    public async Task SolvedChallenge_ForAnotherTenant_IsRefused_AndStillGoodForItsOwn()
    {
        var tenant = await _app.CreateTenantAsync();
        var other = await _app.CreateTenantAsync(name: "Other");
        var payload = await tenant.SolvedAsync();

        CaptchaTestApp.AssertInvalid(await _app.GateAsync(other.Id, payload), "other_tenant");

        Assert.Null(await _app.GateAsync(tenant.Id, payload));
    }

    [Fact]
    public async Task TamperedPayloads_AreRefusedForWhatWasChanged()
    {
        var tenant = await _app.CreateTenantAsync();
        var challenge = await tenant.ChallengeAsync();
        var number = AltchaSolver.FindNumber(challenge);
        var signature = challenge.Str("signature");

        var wrongNumber = AltchaSolver.Payload(challenge, number + 1);
        var forged = AltchaSolver.Payload(challenge, number);
        forged["signature"] = (signature[0] == 'a' ? "b" : "a") + signature[1..];
        // Moving the salt to another tenant changes the hash, which the signature covers.
        var otherSalt = AltchaSolver.Payload(challenge, number);
        otherSalt["salt"] = challenge.Str("salt").Replace(tenant.Id.ToString("N"), Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
        var sha1 = AltchaSolver.Payload(challenge, number);
        sha1["algorithm"] = "SHA-1";

        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, AltchaSolver.Encode(wrongNumber)), "wrong_number");
        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, AltchaSolver.Encode(forged)), "bad_signature");
        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, AltchaSolver.Encode(otherSalt)), "wrong_number");
        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, AltchaSolver.Encode(sha1)), "wrong_algorithm");
        // None of those spent the challenge.
        Assert.Null(await _app.GateAsync(tenant.Id, AltchaSolver.Encode(AltchaSolver.Payload(challenge, number))));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("e30=")] // "{}"
    [InlineData("eyJudW1iZXIiOiIxMiJ9")] // {"number":"12"}
    public async Task Garbage_IsMalformed(string payload)
    {
        var tenant = await _app.CreateTenantAsync();

        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, payload), "malformed");
    }

    [Fact]
    public async Task OverlongPayload_IsMalformedBeforeDecoding()
    {
        var tenant = await _app.CreateTenantAsync();
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string(' ', 2000)));

        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, payload), "malformed");
    }
}
