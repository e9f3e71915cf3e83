using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Server.Audit;

/// <summary>How a record's hash is made: SHA-256 over its fields, one per line, then the previous hash.</summary>
public static class AuditChain
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

    public static byte[] HashOf(AuditRecord r) =>
        HashOf(r.Sequence, r.At, r.Actor, r.TenantId, r.Action, r.Target, r.RequestId, r.Detail, r.PreviousHash);
}
