using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Risk.Pumping;

/// <summary>How often this node judges and reloads blocks (<c>Risk:Pumping:*</c>); what counts as pumping is policy.</summary>
public sealed class PumpingOptions
{
    /// <summary>Off for tests that run the detector themselves; every node may run it, a block is created once.</summary>
    public bool RunDetector { get; set; } = true;

    [Range(5, 3600)]
    public int DetectorIntervalSeconds { get; set; } = 60;

    /// <summary>How stale a node's view of blocks made or lifted on another node may be.</summary>
    [Range(1, 60)]
    public int RefreshSeconds { get; set; } = 1;
}
