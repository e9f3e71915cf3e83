using System.Security.Cryptography;
using System.Text;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Verification;

/// <summary>Makes codes, hashes them for checking and seals them for resending. Nothing here keeps a code.</summary>
public sealed class VerificationCodes(ServerKeys keys)
{
    /// <summary>Longer submitted codes are wrong without hashing them.</summary>
    public const int MaxCodeLength = VerificationService.MaxCodeLength;

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

    public byte[] Seal(Guid verificationId, string code) =>
        Sealing.Seal(keys.CodeSealKey, Encoding.ASCII.GetBytes(code), verificationId.ToByteArray());

    public string Unseal(Guid verificationId, byte[] sealedCode) =>
        Encoding.ASCII.GetString(Sealing.Open(keys.CodeSealKey, sealedCode, verificationId.ToByteArray()));
}
