using System.Security.Cryptography;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// AES-GCM in the one layout every sealed value here uses: nonce (12 bytes), tag (16), ciphertext. The associated
/// data binds a value to its owner (a record id, a tenant), so a sealed value copied elsewhere does not open.
/// A value carries no key id: it opens under the key whose tag matches, and GCM's tag makes a wrong key fail safely.
/// </summary>
public static class Sealing
{
    private const int NonceSize = 12, TagSize = 16;

    /// <summary>Seals under the ring's current key.</summary>
    /// <param name="prefix">Bytes left free at the start of the result, for a caller's own header.</param>
    public static byte[] Seal(KeyRing keys, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> associatedData, int prefix = 0)
    {
        var sealedBytes = new byte[prefix + NonceSize + TagSize + plain.Length];
        var body = sealedBytes.AsSpan(prefix);
        RandomNumberGenerator.Fill(body[..NonceSize]);
        using var aes = new AesGcm(keys.Current, TagSize);
        aes.Encrypt(body[..NonceSize], plain, body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), associatedData);
        return sealedBytes;
    }

    /// <summary>The plain value; throws <see cref="CryptographicException"/> if no key opens it or the owner differs.</summary>
    public static byte[] Open(KeyRing keys, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData) =>
        TryOpen(keys, sealedBytes, associatedData, out var plain, out _)
            ? plain
            : throw new CryptographicException("The sealed value does not open under any known key for this owner.");

    /// <summary>Opens with the current key, then the older ones; <paramref name="keyIndex"/> says which opened it (0: current).</summary>
    public static bool TryOpen(KeyRing keys, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData, out byte[] plain, out int keyIndex)
    {
        plain = [];
        keyIndex = -1;
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return false;
        }
        var all = keys.All;
        // A failed decryption clears what it wrote, so one buffer serves every key tried.
        var candidate = new byte[sealedBytes.Length - NonceSize - TagSize];
        for (var i = 0; i < all.Length; i++)
        {
            try
            {
                using var aes = new AesGcm(all[i], TagSize);
                aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), candidate, associatedData);
            }
            catch (AuthenticationTagMismatchException)
            {
                continue;
            }
            plain = candidate;
            keyIndex = i;
            return true;
        }
        return false;
    }
}
