using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Captcha;

/// <summary>The <c>Captcha</c> section.</summary>
public sealed class CaptchaOptions
{
    /// <summary>
    /// The secret number is drawn from 0 to this, so a browser tries half of it on average: 100 000 SHA-256
    /// hashes take well under a second on a phone, and make a million solved challenges cost real CPU time.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxNumber { get; set; } = 100_000;

    /// <summary>How long a challenge may be solved and used after it was issued.</summary>
    [Range(10, 86_400)]
    public int ExpirySeconds { get; set; } = 600;

    /// <summary>
    /// How long a node keeps a tenant's policy in memory. A change takes effect at once on the node that took it
    /// and within this many seconds on the others; 0 reads the database on every send.
    /// </summary>
    [Range(0, 3600)]
    public int PolicyCacheSeconds { get; set; } = 10;
}
