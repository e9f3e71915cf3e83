using System.Text.Json.Serialization;

namespace SmsVerify.Server.Policy;

/// <summary>
/// When a number block is judged to be pumped (toll fraud: codes sent to ranges of numbers that someone is paid
/// to receive SMS on, and never entered). A tenant's block is blocked when, over the last
/// <see cref="WindowSeconds"/> (ending <see cref="SettleSeconds"/> ago, so that honest users have had time to
/// type their codes), it started at least <see cref="MinSends"/> verifications, fewer than
/// <see cref="ConversionFloor"/> of them were approved, and it started at least <see cref="VolumeJumpFactor"/>
/// times as many as in an average window of the <see cref="BaselineSeconds"/> before.
/// </summary>
/// <param name="BlockSeconds">How long a block lasts; 0 keeps it until it is lifted.</param>
public sealed record PumpingPolicy(
    int WindowSeconds, int SettleSeconds, int MinSends, double ConversionFloor, int BaselineSeconds, double VolumeJumpFactor, int BlockSeconds)
{
    private const int MaxSeconds = 31 * 86400;

    [JsonIgnore]
    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    [JsonIgnore]
    public TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds);

    [JsonIgnore]
    public TimeSpan Baseline => TimeSpan.FromSeconds(BaselineSeconds);

    public static IEnumerable<string> Problems(PumpingPolicy? pumping)
    {
        if (pumping is null)
        {
            yield return "The pumping section is missing.";
            yield break;
        }
        if (pumping.WindowSeconds is < 60 or > 86400 || pumping.SettleSeconds is < 0 or > 3600)
        {
            yield return "pumping: windowSeconds is 60–86400 and settleSeconds 0–3600.";
        }
        if (pumping.MinSends is < 1 or > 1_000_000 || pumping.ConversionFloor is <= 0 or > 1 || pumping.VolumeJumpFactor is < 1 or > 1000)
        {
            yield return "pumping: minSends is 1–1000000, conversionFloor more than 0 and at most 1, volumeJumpFactor 1–1000.";
        }
        if (pumping.BaselineSeconds < pumping.WindowSeconds || pumping.BaselineSeconds > MaxSeconds)
        {
            yield return $"pumping: baselineSeconds is at least windowSeconds and at most {MaxSeconds}.";
        }
        if (pumping.BlockSeconds != 0 && pumping.BlockSeconds is < 60 or > MaxSeconds)
        {
            yield return $"pumping: blockSeconds is 0 (until lifted) or 60–{MaxSeconds}.";
        }
    }
}
