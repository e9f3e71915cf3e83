namespace SmsVerify.Server.Tenants;

public sealed class OperatorOptions
{
    /// <summary>Runs the platform: tenants, operator keys, channels.</summary>
    public const string AdminRole = "admin";

    /// <summary>Reviews qualifications, applications, signatures and templates.</summary>
    public const string AuditorRole = "auditor";

    /// <summary>Watches abuse; trips and resets circuit breakers.</summary>
    public const string RiskRole = "risk";

    public static readonly string[] Roles = [AdminRole, AuditorRole, RiskRole];

    /// <summary>
    /// The operator key. Unset: one is generated on first start, printed once and stored only as a hash.
    /// </summary>
    public string? ApiKey { get; set; }
}
