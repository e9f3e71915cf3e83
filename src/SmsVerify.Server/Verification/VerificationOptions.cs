using System.ComponentModel.DataAnnotations;
using SmsVerify.Server.Limits;

namespace SmsVerify.Server.Verification;

public sealed class VerificationOptions
{
    [Range(1, 3600)]
    public int ResendCooldownSeconds { get; set; } = 60;

    [Range(1, 100)]
    public int MaxCheckAttempts { get; set; } = 5;

    /// <summary>
    /// Days a finished verification (approved, canceled, expired, or out of check attempts) is kept after it started;
    /// an hourly job deletes older ones (<see cref="VerificationRetention"/>). As long as messages by default, so a
    /// message's verification is there while the message is.
    /// </summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 180;

    /// <summary>
    /// Frequency limits per tenant and number: window length in seconds → most messages in any such window.
    /// Keys are seconds so that one window can be changed alone (<c>Verification__Limits__3600=20</c>); 0 turns
    /// a window off.
    /// </summary>
    public Dictionary<string, int> Limits { get; set; } = new()
    {
        ["60"] = 1,
        ["3600"] = 5,
        ["86400"] = 10,
    };

    private RateWindow[]? _windows;

    /// <summary>The enabled windows, shortest first (so a refusal names the tightest window that is full).</summary>
    public RateWindow[] Windows => _windows ??= RateWindow.FromSeconds(Limits);

    internal static bool LimitsAreValid(VerificationOptions options) => RateWindow.AreValid(options.Limits);
}
