namespace SmsVerify.Server.Tenants;

public sealed class OperatorOptions
{
    public const string AdminRole = "admin";

    /// <summary>
    /// The operator key. Unset: one is generated on first start, printed once and stored only as a hash.
    /// </summary>
    public string? ApiKey { get; set; }
}
