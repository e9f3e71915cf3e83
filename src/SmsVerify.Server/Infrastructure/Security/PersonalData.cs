using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// Identity numbers at rest: sealed with AES-GCM (the owning record's id as associated data) for the auditor who
/// must compare them, and masked for everyone else.
/// </summary>
public sealed class PersonalData(ServerKeys keys)
{
    private const int NonceSize = 12, TagSize = 16;

    public byte[] Seal(Guid recordId, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceSize));
        using var aes = new AesGcm(keys.PersonalDataKey, TagSize);
        aes.Encrypt(sealedBytes.AsSpan(0, NonceSize), plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), recordId.ToByteArray());
        return sealedBytes;
    }

    public string Unseal(Guid recordId, byte[] sealedBytes)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(keys.PersonalDataKey, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, recordId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The first six and last four characters, as Chinese platforms show ID numbers: 110105********002X.</summary>
    public static string Mask(string value) =>
        value.Length <= 10 ? new string('*', value.Length) : value[..6] + new string('*', value.Length - 10) + value[^4..];
}
