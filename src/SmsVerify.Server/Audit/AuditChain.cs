using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Audit;

/// <summary>
/// How a record's hash is made: SHA-256 over its fields, one per line, then the previous hash. The smsverify command
/// compiles this same file in to check export files away from the server, so it names no server type.
/// </summary>
internal static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] HashOf(long sequence, DateTime at, string actor, Guid? tenantId, string action, string target,
        string? requestId, string? detail, byte[] previousHash)
    {
        var fields = string.Join('\n',
            sequence.ToString(CultureInfo.InvariantCulture),
            at.ToString("O", CultureInfo.InvariantCulture),
            actor,
            tenantId?.ToString() ?? "",
            action,
            target,
            requestId ?? "",
            detail ?? "");
        var bytes = Encoding.UTF8.GetBytes(fields);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(bytes);
        sha.AppendData(previousHash);
        return sha.GetHashAndReset();
    }

    /// <summary>
    /// Why a record does not follow the one before it (<paramref name="expectedSequence"/>, whose hash is
    /// <paramref name="expectedPrevious"/>), or null when it does; <paramref name="recomputed"/> is its hash made anew.
    /// </summary>
    public static string? Break(long expectedSequence, ReadOnlySpan<byte> expectedPrevious,
        long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> recomputed) =>
        sequence != expectedSequence ? $"expected record {expectedSequence}, found {sequence} (a record is missing)"
        : !previousHash.SequenceEqual(expectedPrevious) ? "its previous hash is not the hash of the record before it"
        : !recomputed.SequenceEqual(hash) ? "its content does not match its hash (it was altered)"
        : null;
}
