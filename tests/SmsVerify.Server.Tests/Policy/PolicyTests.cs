using System.Net;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Policy;

public sealed class PolicyTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task DefaultPolicy_BansTheSeedsIndustriesAndIsReadableWithAnyKey()
    {
        var tenant = await app.CreateTenantAsync();
        var policy = await (await tenant.Http.GetAsync("/v1/policy")).OkAsync();
        var codes = policy.GetProperty("bannedIndustries").EnumerateArray().Select(i => i.Str("code")).ToList();
        // The seed's "one vote veto" list.
        Assert.Subset(codes.ToHashSet(), new HashSet<string>
        {
            "private_lending", "p2p_lending", "stock_tips", "virtual_currency", "dating", "e_cigarettes",
            "cosmetic_surgery", "debt_collection", "click_farming", "gambling", "unlicensed_games",
        });
        await (await app.Anonymous().GetAsync("/v1/policy")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task OperatorsOwnPolicy_IsUsedInstead()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            { "version": "acme-1", "bannedIndustries": [ { "code": "fireworks", "zh": "烟花", "en": "Fireworks", "terms": ["烟花"] } ] }
            """);
        await using var own = await SmsVerifyApp.StartAsync(new() { ["Policy:Path"] = file });
        var policy = await (await own.Operator().GetAsync("/v1/policy")).OkAsync();
        Assert.Equal("acme-1", policy.Str("version"));
        Assert.Equal("fireworks", Assert.Single(policy.GetProperty("bannedIndustries").EnumerateArray()).Str("code"));
        File.Delete(file);
    }

    [Theory]
    [InlineData("""{ "version": "x", "bannedIndustries": [] }""", "empty")]
    [InlineData("""{ "version": "x", "bannedIndustries": [ { "code": "a_b", "zh": "甲", "en": "A", "terms": ["甲"] }, { "code": "a_b", "zh": "乙", "en": "B", "terms": ["乙"] } ] }""", "appears 2 times")]
    [InlineData("""{ "version": "x", "bannedIndustries": [ { "code": "Bad Code", "zh": "甲", "en": "A", "terms": ["甲"] } ] }""", "lower_snake_case")]
    [InlineData("""{ "version": "x", "bannedIndustries": [ { "code": "no_terms", "zh": "甲", "en": "A", "terms": [] } ] }""", "needs terms")]
    [InlineData("""{ "version": """, "cannot be read")]
    public void Load_BrokenFile_RefusesWithTheReason(string json, string reason)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, json);
        var error = Assert.Throws<InvalidOperationException>(() => PlatformPolicy.Load(file));
        Assert.Contains(reason, error.Message);
        File.Delete(file);
    }
}
