namespace SmsVerify.Server.Infrastructure.Security;

public sealed class SecurityOptions
{
    /// <summary>
    /// Base64 of at least 32 random bytes: the key everything new is sealed and signed with. Unset: one is generated
    /// on first start and kept in the database.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>
    /// Keys that open and verify but never seal: the old key while its values are re-sealed after a rotation, or the
    /// next key while nodes are restarted one by one to learn it (docs/operations.md, "Rotating the master key").
    /// </summary>
    public string[] AcceptedMasterKeys { get; set; } = [];
}
