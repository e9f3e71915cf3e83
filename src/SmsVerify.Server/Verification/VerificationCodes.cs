using System.Security.Cryptography;
using System.Text;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Verification;

/// <summary>Makes codes, hashes them for checking and seals them for resending. Nothing here keeps a code.</summary>
public sealed class VerificationCodes(ServerKeys keys)
{
    /// <summary>Longer submitted codes are wrong without hashing them.</summary>
    public const int MaxCodeLength = 8;

    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static string Generate(int length) => RandomNumberGenerator.GetString("0123456789", length);

    /// <summary>HMAC-SHA256 over the verification id and the code, so equal codes never hash alike.</summary>
    public byte[] Hash(Guid verificationId, ReadOnlySpan<char> code)
    {
        Span<byte> input = stackalloc byte[16 + MaxCodeLength];
        verificationId.TryWriteBytes(input);
        var length = 16 + Encoding.ASCII.GetBytes(code, input[16..]);
        return HMACSHA256.HashData(keys.CodeHashKey, input[..length]);
    }

    /// <summary>Compares in constant time, so response timing says nothing about how close a guess was.</summary>
    public bool Matches(Guid verificationId, ReadOnlySpan<char> code, byte[] expectedHash) =>
        code.Length is > 0 and <= MaxCodeLength && Ascii.IsValid(code)
        && CryptographicOperations.FixedTimeEquals(Hash(verificationId, code), expectedHash);

    public byte[] Seal(Guid verificationId, string code)
    {
        var sealedCode = new byte[NonceSize + code.Length + TagSize];
        var nonce = sealedCode.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.CodeSealKey, TagSize);
        aes.Encrypt(nonce, Encoding.ASCII.GetBytes(code), sealedCode.AsSpan(NonceSize, code.Length),
            sealedCode.AsSpan(NonceSize + code.Length), verificationId.ToByteArray());
        return sealedCode;
    }

    public string Unseal(Guid verificationId, byte[] sealedCode)
    {
        var length = sealedCode.Length - NonceSize - TagSize;
        var code = new byte[length];
        using var aes = new AesGcm(keys.CodeSealKey, TagSize);
        aes.Decrypt(sealedCode.AsSpan(0, NonceSize), sealedCode.AsSpan(NonceSize, length), sealedCode.AsSpan(NonceSize + length), code,
            verificationId.ToByteArray());
        return Encoding.ASCII.GetString(code);
    }
}
