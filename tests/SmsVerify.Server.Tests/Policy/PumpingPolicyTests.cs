using System.Text.Json.Nodes;
using SmsVerify.Server.Policy;

namespace SmsVerify.Server.Tests.Policy;

public class PumpingPolicyTests
{
    private static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, PlatformPolicy.DefaultFileName);

    [Fact]
    public void DefaultFile_JudgesAnHourAgainstAWeek()
    {
        var pumping = PlatformPolicy.Load(DefaultPath).Pumping;
        Assert.Equal(PlatformPolicy.BuiltIn.Pumping, pumping);
        Assert.Equal((3600, 300, 30, 0.2, 604800, 3.0, 86400),
            (pumping.WindowSeconds, pumping.SettleSeconds, pumping.MinSends, pumping.ConversionFloor, pumping.BaselineSeconds, pumping.VolumeJumpFactor, pumping.BlockSeconds));
    }

    [Fact]
    public void FileWithoutTheSection_GetsTheBuiltInOne()
    {
        var json = JsonNode.Parse(File.ReadAllText(DefaultPath))!.AsObject();
        json.Remove("pumping");
        Assert.Equal(PlatformPolicy.BuiltIn.Pumping, Load(json.ToJsonString()).Pumping);
    }

    [Theory]
    [InlineData("windowSeconds", "30", "windowSeconds is 60–86400")]
    [InlineData("settleSeconds", "-1", "settleSeconds 0–3600")]
    [InlineData("minSends", "0", "minSends is 1–1000000")]
    [InlineData("conversionFloor", "0", "conversionFloor more than 0")]
    [InlineData("conversionFloor", "1.5", "conversionFloor more than 0")]
    [InlineData("volumeJumpFactor", "0.5", "volumeJumpFactor 1–1000")]
    [InlineData("baselineSeconds", "600", "baselineSeconds is at least windowSeconds")]
    [InlineData("blockSeconds", "10", "blockSeconds is 0 (until lifted) or 60–")]
    public void BrokenValue_IsRefusedWithTheReason(string property, string value, string reason)
    {
        var json = JsonNode.Parse(File.ReadAllText(DefaultPath))!;
        json["pumping"]![property] = JsonNode.Parse(value);
        var error = Assert.Throws<InvalidOperationException>(() => Load(json.ToJsonString()));
        Assert.Contains(reason, error.Message);
    }

    private static PlatformPolicy Load(string json) => ContentPolicyTests.LoadText(json);
}
