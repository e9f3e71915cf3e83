using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Sandbox;

public sealed class SandboxOptions
{
    /// <summary>How many test numbers one tenant may register.</summary>
    [Range(1, 10_000_000)]
    public int MaxNumbersPerTenant { get; set; } = 20;
}
