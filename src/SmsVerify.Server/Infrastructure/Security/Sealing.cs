using System.Security.Cryptography;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// AES-GCM in the one layout every sealed value here uses: nonce (12 bytes), tag (16), ciphertext. The associated
/// data binds a value to its owner (a record id, a tenant), so a sealed value copied elsewhere does not open.
/// </summary>
public static class Sealing
{
    private const int NonceSize = 12, TagSize = 16;

    /// <param name="prefix">Bytes left free at the start of the result, for a caller's own header.</param>
    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> associatedData, int prefix = 0)
    {
        var sealedBytes = new byte[prefix + NonceSize + TagSize + plain.Length];
        var body = sealedBytes.AsSpan(prefix);
        RandomNumberGenerator.Fill(body[..NonceSize]);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(body[..NonceSize], plain, body[(NonceSize + TagSize)..], body.Slice(NonceSize, TagSize), associatedData);
        return sealedBytes;
    }

    /// <summary>The plain value; throws <see cref="CryptographicException"/> if the value, key or owner differ.</summary>
    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is truncated.");
        }
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, associatedData);
        return plain;
    }
}
