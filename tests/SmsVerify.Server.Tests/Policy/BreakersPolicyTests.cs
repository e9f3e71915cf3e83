using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Policy;

/// <summary>The breakers' thresholds come from the policy file's <c>breakers</c> section; configuration overrides them.</summary>
public sealed class BreakersPolicyTests : IDisposable
{
    private const string Shipped = "\"breakers\": { \"windowSeconds\": 3600, \"template\": 5, \"signature\": 10, \"tenant\": 20 }";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    private void WritePolicy(string breakers)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy.default.json"));
        Assert.Contains(Shipped, json);
        File.WriteAllText(_path, json.Replace(Shipped, breakers, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PolicyFileThresholds_AreTheOnesApplied_AndConfigurationOverridesOne()
    {
        WritePolicy("\"breakers\": { \"windowSeconds\": 600, \"template\": 3, \"signature\": 6, \"tenant\": 9 }");
        await using var app = await SmsVerifyApp.StartAsync(new() { ["Policy:Path"] = _path, ["Risk:Breakers:Tenant"] = "12" });

        var options = app.Services.GetRequiredService<IOptions<BreakerOptions>>().Value;

        Assert.Equal((600, 3, 6, 12), (options.WindowSeconds, options.Template, options.Signature, options.Tenant));
    }

    [Theory]
    [InlineData("\"breakers\": { \"windowSeconds\": 0, \"template\": 5, \"signature\": 10, \"tenant\": 20 }", "windowSeconds")]
    [InlineData("\"breakers\": { \"windowSeconds\": 3600, \"template\": 5, \"signature\": 4, \"tenant\": 20 }", "template <= signature <= tenant")]
    [InlineData("\"breakers\": { \"windowSeconds\": 3600, \"template\": 0, \"signature\": 10, \"tenant\": 20 }", "1 <= template")]
    public void BrokenBreakersSection_StopsTheStart(string breakers, string named)
    {
        WritePolicy(breakers);

        var error = Assert.Throws<InvalidOperationException>(() => Server.Policy.PlatformPolicy.Load(_path));

        Assert.Contains(named, error.Message);
    }
}
