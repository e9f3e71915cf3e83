using System.Text.Json.Nodes;
using SmsVerify.Server.Policy;

namespace SmsVerify.Server.Tests.Policy;

public class ContentPolicyTests
{
    private static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, PlatformPolicy.DefaultFileName);

    [Fact]
    public void DefaultFile_EqualsTheBuiltInPolicy()
    {
        var loaded = PlatformPolicy.Load(DefaultPath);
        Assert.Equal(PlatformPolicy.BuiltIn.Content.MarketingWords, loaded.Content.MarketingWords);
        Assert.Equal("standard", loaded.SignatureSources.Profile);
        Assert.Equal(6, loaded.SignatureSources.Accepted.Count);
    }

    [Fact]
    public void OlderFile_WithoutTheNewSections_GetsTheBuiltInOnes()
    {
        var policy = LoadText("""{ "version": "acme-1", "bannedIndustries": [ { "code": "fireworks", "zh": "烟花", "en": "Fireworks", "terms": ["烟花"] } ] }""");
        Assert.Equal("acme-1", policy.Version);
        Assert.Equal(PlatformPolicy.BuiltIn.Content, policy.Content);
        Assert.Equal(PlatformPolicy.BuiltIn.Signatures, policy.Signatures);
        Assert.Equal(PlatformPolicy.BuiltIn.SignatureSources, policy.SignatureSources);
    }

    [Theory]
    [InlineData("content", "marketingWords", "[]", "content.marketingWords is empty")]
    [InlineData("content", "optOutPhrases", """["退订", " "]""", "content.optOutPhrases has a blank entry")]
    [InlineData("content", "verificationKeywordsEn", """["code", "CODE"]""", "content.verificationKeywordsEn lists 'code' 2 times")]
    [InlineData("content", "traditionalCharacters", """["驗證"]""", "must list single characters")]
    [InlineData("content", "marketingSuffix", "\"\"", "content.marketingSuffix is required")]
    [InlineData("content", "verificationCodeLength", """{ "min": 6, "max": 4 }""", "content.verificationCodeLength needs")]
    [InlineData("content", "purposeWords", "null", "content.purposeWords is empty")]
    [InlineData("signatures", "neutralNames", "[]", "signatures.neutralNames is empty")]
    [InlineData("signatureSources", "accepted", """["company", "fax"]""", "'fax', which is not one of")]
    [InlineData("signatureSources", "accepted", """["1"]""", "'1', which is not one of")]
    [InlineData("signatureSources", "profile", "\"\"", "signatureSources.profile needs a name")]
    public void BrokenSection_IsRefusedWithTheReason(string section, string property, string value, string reason)
    {
        var json = JsonNode.Parse(File.ReadAllText(DefaultPath))!;
        json[section]![property] = JsonNode.Parse(value);
        var error = Assert.Throws<InvalidOperationException>(() => LoadText(json.ToJsonString()));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void StrictProfile_CanBeChosenInTheFile()
    {
        var json = JsonNode.Parse(File.ReadAllText(DefaultPath))!;
        json["signatureSources"] = JsonNode.Parse("""{ "profile": "strict", "accepted": ["company", "app", "trademark"] }""");
        var policy = LoadText(json.ToJsonString());
        Assert.True(policy.SignatureSources.Accepts(SmsVerify.Server.Signatures.Rules.SignatureSource.App));
        Assert.False(policy.SignatureSources.Accepts(SmsVerify.Server.Signatures.Rules.SignatureSource.Website));
    }

    /// <summary>Loads a policy file with this text, as the server would.</summary>
    internal static PlatformPolicy LoadText(string json)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, json);
            return PlatformPolicy.Load(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
