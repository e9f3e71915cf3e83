using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Policy;

/// <summary>The verification limits come from the policy file; configuration overrides them value by value.</summary>
public sealed class LimitsPolicyTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task PolicyFileLimits_AreTheOnesApplied()
    {
        // The shipped policy with a cool-down of 5 s and one message per hour.
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy.default.json"))
            .Replace("\"verificationPerNumber\": { \"60\": 1, \"3600\": 5, \"86400\": 10 }, \"resendCooldownSeconds\": 60",
                "\"verificationPerNumber\": { \"3600\": 1 }, \"resendCooldownSeconds\": 5", StringComparison.Ordinal);
        Assert.Contains("\"3600\": 1 }", json);
        File.WriteAllText(_path, json);
        await using var app = await SmsVerifyApp.StartAsync(new() { ["Policy:Path"] = _path });
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("13812345678");

        var first = await tenant.StartOkAsync("13812345678");
        await (await tenant.Http.PostJsonAsync($"/v1/verifications/{first.Str("id")}/cancel", new { })).OkAsync();
        var limited = await (await tenant.StartAsync("13812345678")).ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");

        Assert.Equal(3600, limited.Int("windowSeconds"));
        var policy = await (await tenant.Http.GetAsync("/v1/policy")).OkAsync();
        Assert.Equal(5, policy.GetProperty("limits").Int("resendCooldownSeconds"));
    }

    [Fact]
    public void OlderFileWithoutThePlatformGuards_TakesThemFromTheBuiltInPolicy()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy.default.json"))
            .Replace("\"platformPerNumber\": { \"3600\": 20, \"86400\": 40 },", "", StringComparison.Ordinal)
            .Replace("\"risk\": { \"windowSeconds\": 600, \"perEndUserIp\": 5, \"perNumberBlock\": 20 }", "\"risk\": { \"windowSeconds\": 60, \"perEndUserIp\": 3, \"perNumberBlock\": 0 }", StringComparison.Ordinal);
        Assert.DoesNotContain("platformPerNumber", json);
        File.WriteAllText(_path, json);

        var limits = Server.Policy.PlatformPolicy.Load(_path).Limits;

        Assert.Equal(20, limits.PlatformPerNumber!["3600"]);
        Assert.Equal(new(60, 3, 0), limits.Risk);
    }

    [Fact]
    public void BrokenLimitsSection_StopsTheStart()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy.default.json"))
            .Replace("\"maxCheckAttempts\": 5", "\"maxCheckAttempts\": 0", StringComparison.Ordinal);
        File.WriteAllText(_path, json);
        var error = Assert.Throws<InvalidOperationException>(() => Server.Policy.PlatformPolicy.Load(_path));
        Assert.Contains("maxCheckAttempts", error.Message);
    }
}
