using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Captcha;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Captcha;

/// <summary>What the captcha tests do to an app: fetch challenges, and ask the gate as the send path will.</summary>
public static class CaptchaTestApp
{
    /// <summary>Small enough that a test solves a challenge in well under a millisecond.</summary>
    public static readonly Dictionary<string, string?> Settings = new() { ["Captcha:MaxNumber"] = "200" };

    public static async Task<JsonElement> ChallengeAsync(this TestTenant tenant) =>
        await (await tenant.Http.GetAsync("/v1/captcha/challenge")).OkAsync();

    public static async Task<string> SolvedAsync(this TestTenant tenant) => AltchaSolver.Solve(await tenant.ChallengeAsync());

    public static async Task<ApiError?> GateAsync(this SmsVerifyApp app, Guid tenantId, string? payload, bool riskRaised = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaptchaGate>().CheckAsync(tenantId, payload, riskRaised, CancellationToken.None);
    }

    /// <summary>Asserts a <c>captcha_invalid</c> with the given reason.</summary>
    public static void AssertInvalid(ApiError? error, string reason)
    {
        Assert.NotNull(error);
        Assert.Equal(("captcha_invalid", 400), (error.Type.Code, error.Type.Status));
        Assert.Equal(reason, error.Extensions?["reason"]);
    }

    public static void AssertRequired(ApiError? error)
    {
        Assert.NotNull(error);
        Assert.Equal(("captcha_required", 403), (error.Type.Code, error.Type.Status));
    }
}
