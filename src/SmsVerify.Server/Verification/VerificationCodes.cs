using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Verification;

/// <summary>Makes codes, hashes them for checking and seals them for resending. Nothing here keeps a code.</summary>
public sealed class VerificationCodes(ServerKeys keys)
{
    /// <summary>Longer submitted codes are wrong without hashing them.</summary>
    public const int MaxCodeLength = VerificationService.MaxCodeLength;

    public static string Generate(int length) => RandomNumberGenerator.GetString("0123456789", length);

    /// <summary>HMAC-SHA256 over the verification id and the code, so equal codes never hash alike.</summary>
    public byte[] Hash(Guid verificationId, ReadOnlySpan<char> code) => Hash(keys.CodeHash.Current, verificationId, code);

    /// <summary>
    /// Compares in constant time, so response timing says nothing about how close a guess was. A code hashed before
    /// a master key rotation is compared under the older keys too (every one, so timing does not say which matched).
    /// </summary>
    public bool Matches(Guid verificationId, ReadOnlySpan<char> code, byte[] expectedHash)
    {
        if (code.Length is 0 or > MaxCodeLength || !Ascii.IsValid(code))
        {
            return false;
        }
        var matched = false;
        foreach (var key in keys.CodeHash.All)
        {
            matched |= CryptographicOperations.FixedTimeEquals(Hash(key, verificationId, code), expectedHash);
        }
        return matched;
    }

    private static byte[] Hash(byte[] key, Guid verificationId, ReadOnlySpan<char> code)
    {
        Span<byte> input = stackalloc byte[16 + MaxCodeLength];
        verificationId.TryWriteBytes(input);
        var length = 16 + Encoding.ASCII.GetBytes(code, input[16..]);
        return HMACSHA256.HashData(key, input[..length]);
    }

    public byte[] Seal(Guid verificationId, string code) =>
        Sealing.Seal(keys.CodeSeal, Encoding.ASCII.GetBytes(code), verificationId.ToByteArray());

    /// <summary>
    /// Pending codes, for a master key rotation: sealed afresh and hashed afresh under the current keys (the hash
    /// needs the code, which only the seal still has), so a code sent before the rotation still checks after it.
    /// </summary>
    public static readonly SealedColumn Sealed = new("pending verification codes", keys => keys.CodeSeal,
        db => db.Verifications.Where(v => v.CodeSeal != null && v.Status == VerificationStatus.Pending).OrderBy(v => v.Id)
            .Select(v => new SealedRow(v.Id, v.CodeSeal!, v.Id)),
        (db, row, resealed, plain, keys) =>
        {
            var hash = new VerificationCodes(keys).Hash(row.Id, Encoding.ASCII.GetString(plain));
            return db.Verifications.Where(v => v.Id == row.Id && v.CodeSeal == row.Sealed)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.CodeSeal, resealed).SetProperty(v => v.CodeHash, hash));
        });

    public string Unseal(Guid verificationId, byte[] sealedCode) =>
        Encoding.ASCII.GetString(Sealing.Open(keys.CodeSeal, sealedCode, verificationId.ToByteArray()));
}
