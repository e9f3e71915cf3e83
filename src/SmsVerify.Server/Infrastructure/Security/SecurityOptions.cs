namespace SmsVerify.Server.Infrastructure.Security;

public sealed class SecurityOptions
{
    /// <summary>
    /// Base64 of at least 32 random bytes. Unset: one is generated on first start and kept in the database.
    /// </summary>
    public string? MasterKey { get; set; }
}
