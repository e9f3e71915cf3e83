using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Captcha;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Captcha;

/// <summary>Our challenges and payloads against altcha-lib, the ALTCHA reference library, run by node.</summary>
public sealed class AltchaInteropTests : IAsyncLifetime
{
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(CaptchaTestApp.Settings);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string HmacKey => _app.Services.GetRequiredService<CaptchaSigner>().HmacKeyText;

    [AltchaFact]
    public async Task OurChallenge_SolvedByAltchaLib_IsAcceptedByUsAndByAltchaLib()
    {
        var tenant = await _app.CreateTenantAsync();
        var challenge = await tenant.ChallengeAsync();

        var solved = await AltchaNode.RunAsync(HmacKey, challenge.GetRawText(), "solve");
        var payload = solved.Str("payload");

        // altcha-lib's own verifySolution takes our challenge and the solution with our key: the formats match.
        Assert.True(solved.GetProperty("verified").GetBoolean());
        var fields = JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.EnumerateObject().Select(p => p.Name);
        Assert.Equal(["algorithm", "challenge", "number", "salt", "signature", "took"], fields);
        Assert.Null(await _app.GateAsync(tenant.Id, payload));
        CaptchaTestApp.AssertInvalid(await _app.GateAsync(tenant.Id, payload), "reused");
    }

    [AltchaFact]
    public async Task OurChallenge_CheckedByAltchaLibWithAnotherKey_IsRefused()
    {
        var tenant = await _app.CreateTenantAsync();

        var solved = await AltchaNode.RunAsync("not-the-server-key", (await tenant.ChallengeAsync()).GetRawText(), "solve");

        Assert.False(solved.GetProperty("verified").GetBoolean());
    }

    [AltchaFact]
    public async Task ChallengeMadeByAltchaLib_WithOurKeyAndSaltParameters_IsAcceptedByUs()
    {
        var tenant = await _app.CreateTenantAsync();

        // altcha-lib writes the parameters in its own order (tenant first, then expires): we read them by name.
        var made = await AltchaNode.RunAsync(HmacKey, null, "create", tenant.Id.ToString("N"));

        Assert.Contains($"?tenant={tenant.Id:N}&expires=", made.Str("salt"), StringComparison.Ordinal);
        Assert.Null(await _app.GateAsync(tenant.Id, AltchaSolver.Solve(made)));
    }
}
