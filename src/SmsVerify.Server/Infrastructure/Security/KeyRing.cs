namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// The keys of one purpose, derived from each master key the server knows. The current one seals and signs; older
/// ones (<c>Security:AcceptedMasterKeys</c>, or a stored key a configured one replaces) only open and verify, so a
/// master key can be rotated while the values sealed under the old one are re-sealed (<see cref="MasterKeyRotation"/>).
/// </summary>
public sealed class KeyRing(byte[][] keys)
{
    /// <summary>The key that seals and signs.</summary>
    public byte[] Current => keys[0];

    /// <summary>Every key that opens or verifies, current first.</summary>
    public ReadOnlySpan<byte[]> All => keys;

    /// <summary>Whether values may still be sealed under a key other than the current one.</summary>
    public bool HasOlder => keys.Length > 1;
}
